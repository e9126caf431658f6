package org.leakguard.agent.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ObservationsTest {

    @Test
    void aFloodOfUniqueNamesStaysBoundedAndOldIdsExpire() throws Exception {
        MutableClock clock = new MutableClock();
        Observations seen = new Observations(100, Duration.ofMinutes(10), clock);
        for (int i = 0; i < 10_000; i++) {
            seen.record("id" + i, InetAddress.getByName("198.51.100." + (i % 250)));
        }
        for (int i = 0; i < 100; i++) {
            seen.record("busy", InetAddress.getByName("192.0.2." + i));
            seen.record("busy", InetAddress.getByName("192.0.2." + i));
        }

        assertThat(seen.size()).isEqualTo(100);
        assertThat(seen.askers("id0")).isEmpty();
        assertThat(seen.askers("busy").orElseThrow()).hasSize(Observations.MAX_ASKERS).startsWith("192.0.2.0", "192.0.2.1");
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(seen.askers("busy")).isEmpty();
        assertThat(seen.size()).isZero();
    }

    @Test
    void ipv4AndIpv6AskersReadBackAsTheyCame() throws Exception {
        Observations seen = new Observations(10, Duration.ofMinutes(1), Clock.systemUTC());
        seen.record("x", InetAddress.getByName("203.0.113.53"));
        seen.record("x", InetAddress.getByName("2001:db8::53"));
        assertThat(seen.askers("x").orElseThrow()).containsExactly("203.0.113.53", "2001:db8:0:0:0:0:0:53");
    }

    /** The heap bin/agent gives the server rests on this: the worst case per id stays within the budget. */
    @Test
    void theWorstCasePerIdFitsTheHeapBudget() throws Exception {
        int ids = 20_000;
        InetAddress[] askers = new InetAddress[Observations.MAX_ASKERS];
        for (int i = 0; i < askers.length; i++) {
            askers[i] = InetAddress.getByName("2001:db8::" + Integer.toHexString(i + 1));
        }
        long before = usedAfterGc();
        Observations seen = new Observations(ids, Duration.ofHours(1), Clock.systemUTC());
        for (int i = 0; i < ids; i++) {
            String id = String.format("%063d", i);
            for (InetAddress a : askers) {
                seen.record(id, a);
            }
        }
        long perId = (usedAfterGc() - before) / ids;

        assertThat(seen.size()).isEqualTo(ids);
        assertThat(perId).isLessThan(HeapBudget.BYTES_PER_ID).isGreaterThan(HeapBudget.BYTES_PER_ID / 4);
    }

    static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
