package org.leakguard.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.spi.EventFeed;

/** The loop on the JDK's real WatchService over a temporary folder, with a target that pins one file. */
class WatcherTest {
    static final String WANT = "nameserver 203.0.113.53\n";

    @TempDir
    Path tmp;

    /** Repairs a file back to WANT, as the engine would, counting repairs. */
    final class PinTarget implements WatchTarget {
        final Path file = tmp.resolve("resolv.conf");
        final AtomicInteger repairs = new AtomicInteger();
        final AtomicInteger plans = new AtomicInteger();

        @Override
        public Drift plan() throws IOException {
            plans.incrementAndGet();
            boolean ok = Files.exists(file) && Files.readString(file).equals(WANT);
            return new Drift(ok ? List.of() : List.of("write " + file), Set.of(file.toString()), Set.of());
        }

        @Override
        public String repair() throws IOException {
            Files.writeString(tmp.resolve("tmp"), WANT);
            Files.move(tmp.resolve("tmp"), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            repairs.incrementAndGet();
            return "remediated";
        }
    }

    @Test
    void aRenameOverTheFileIsRepairedWithinASecondAndStopEndsTheLoop() throws Exception {
        PinTarget target = new PinTarget();
        Files.writeString(target.file, "nameserver 198.51.100.53\n");
        StringWriter log = new StringWriter();
        // A 200 ms fight window: the drift below, 300 ms after the first repair, is a fresh one.
        Watcher w = new Watcher(target, List.of(), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMillis(200),
                Clock.systemUTC(), new PrintWriter(log, true));
        Thread loop = start(w);
        try {
            waitFor(() -> target.repairs.get() == 1, 5000);
            Thread.sleep(300);
            Files.writeString(tmp.resolve("dhcp"), "nameserver 198.51.100.53\n");
            long t0 = System.nanoTime();
            Files.move(tmp.resolve("dhcp"), target.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            waitFor(() -> target.repairs.get() == 2, 5000);
            long ms = (System.nanoTime() - t0) / 1_000_000;

            assertThat(ms).as("drift to repair, with a 30 s poll: only the event can explain it").isLessThan(1000);
            assertThat(Files.readString(target.file)).isEqualTo(WANT);
        } finally {
            assertThat(w.stop(Duration.ofSeconds(5))).isTrue();
            loop.join(5000);
        }
        assertThat(log.toString()).contains("repair #1 (start", "repair #2 (" + tmp + "/resolv.conf changed", "stopped after 2 repair(s)");
    }

    @Test
    void aFighterIsMetWithBackoffNotASpin() throws Exception {
        PinTarget target = new PinTarget();
        Files.writeString(target.file, WANT);
        StringWriter log = new StringWriter();
        Watcher w = new Watcher(target, List.of(), Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(10), Backoff.QUIET,
                Clock.systemUTC(), new PrintWriter(log, true));
        Thread loop = start(w);
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        try {
            Thread.sleep(200);
            while (System.nanoTime() < end) {
                Files.writeString(target.file, "nameserver 198.51.100.53\n");
                Thread.sleep(5);
            }
        } finally {
            w.stop(Duration.ofSeconds(5));
            loop.join(5000);
        }
        // 200 ms doubling over 3 s: repairs at about 0, 0.2, 0.6, 1.4, 3.0 s; never hundreds.
        assertThat(target.repairs.get()).as(log.toString()).isBetween(3, 6);
        assertThat(log.toString()).contains("backoff: drift came back", "something is fighting the policy");
    }

    @Test
    void eventsThatDoNotMatterNeverPutThePollOff() throws Exception {
        PinTarget target = new PinTarget();
        Files.writeString(target.file, WANT);
        StringWriter log = new StringWriter();
        Watcher w = new Watcher(target, List.of(), Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofMillis(200), Clock.systemUTC(), new PrintWriter(log, true));
        Thread loop = start(w);
        try {
            waitFor(() -> target.plans.get() == 1, 5000);
            // A log written every 20 ms in the watched folder: each write wakes the loop and matters not.
            long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            int n = 0;
            while (System.nanoTime() < end) {
                Files.writeString(tmp.resolve("noise.log"), "line " + n++ + "\n");
                Thread.sleep(20);
            }
        } finally {
            assertThat(w.stop(Duration.ofSeconds(5))).isTrue();
            loop.join(5000);
        }
        assertThat(target.plans.get()).as("polls every 300 ms through 2 s of irrelevant events\n%s", log).isGreaterThanOrEqualTo(3);
        assertThat(target.repairs.get()).isZero();
    }

    /** A firewall table that no file event reports: only the feed can tell of its loss before the poll. */
    static final class TableTarget implements WatchTarget {
        final java.util.concurrent.atomic.AtomicBoolean intact = new java.util.concurrent.atomic.AtomicBoolean(true);
        final AtomicInteger plans = new AtomicInteger();
        final AtomicInteger repairs = new AtomicInteger();

        @Override
        public Drift plan() {
            plans.incrementAndGet();
            return new Drift(intact.get() ? List.of() : List.of("load inet leakguard"), Set.of(), Set.of());
        }

        @Override
        public String repair() {
            intact.set(true);
            repairs.incrementAndGet();
            return "remediated";
        }
    }

    @Test
    void aFeedLineNamingTheMarkerWakesTheLoopAndOthersDoNot() throws Exception {
        TableTarget target = new TableTarget();
        Path go = tmp.resolve("go");
        // Stands in for nft monitor: one unrelated commit, then, once told, the flush of leakguard's table.
        EventFeed feed = new EventFeed(List.of("sh", "-c", "echo 'add table ip other'; while [ ! -e " + go
                + " ]; do sleep 0.02; done; echo 'delete table inet leakguard'; exec sleep 60"), "leakguard", "nftables");
        StringWriter log = new StringWriter();
        Watcher w = new Watcher(target, List.of(feed), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofMillis(200), Clock.systemUTC(), new PrintWriter(log, true));
        Thread loop = start(w);
        long ms;
        try {
            waitFor(() -> log.toString().contains("following nftables"), 5000);
            Thread.sleep(200);
            assertThat(target.plans.get()).as("only the start plans; the unrelated line wakes nothing").isEqualTo(1);
            target.intact.set(false);
            long t0 = System.nanoTime();
            Files.writeString(go, "");
            waitFor(() -> target.repairs.get() == 1, 5000);
            ms = (System.nanoTime() - t0) / 1_000_000;
        } finally {
            assertThat(w.stop(Duration.ofSeconds(5))).isTrue();
            loop.join(5000);
        }
        assertThat(ms).as("loss to repair, with a 30 s poll: only the feed can explain it").isLessThan(1000);
        assertThat(log.toString()).contains("repair #1 (nftables: delete table inet leakguard", "stopped after 1 repair(s)");
    }

    static Thread start(Watcher w) {
        Thread loop = new Thread(() -> {
            try {
                w.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        loop.start();
        return loop;
    }

    static void waitFor(java.util.function.BooleanSupplier done, long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        while (!done.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        assertThat(done.getAsBoolean()).as("within " + ms + " ms").isTrue();
    }
}
