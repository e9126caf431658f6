package org.leakguard.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rollout bucket: pinned to its definition, stable, spread evenly, and monotone in the percent. */
class RolloutBucketTest {
    private static final int HOSTS = 100_000;

    /** Vectors from Python's hashlib: int.from_bytes(sha256(f"{name}:{id}".encode()).digest(), "big") % 100. */
    @ParameterizedTest
    @CsvSource({"web-fleet, 0123456789abcdef0123456789abcdef, 83", "corp-vpn-baseline, 4c4c4544004b4a1080344bc04f315a32, 10"})
    void isTheDocumentedHash(String policy, String machineId, int bucket) {
        assertThat(RolloutBucket.of(policy, machineId)).isEqualTo(bucket);
        // A Windows MachineGuid may come upper-case, a file with a line feed: the same machine, the same bucket.
        assertThat(RolloutBucket.of(policy, " " + machineId.toUpperCase(java.util.Locale.ROOT) + "\n")).isEqualTo(bucket);
    }

    @Test
    void isStableAcrossCallsAndRuns() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            String id = randomId(random);
            assertThat(RolloutBucket.of("p", id)).isEqualTo(RolloutBucket.of("p", id)).isBetween(0, 99);
        }
    }

    /** Chi-square over 100 buckets (99 degrees of freedom): above 150 happens by chance about once in 2,000. */
    @Test
    void spreadsRandomIdsEvenly() {
        int[] counts = new int[RolloutBucket.BUCKETS];
        Random random = new Random(42);
        for (int i = 0; i < HOSTS; i++) {
            counts[RolloutBucket.of("corp-vpn-baseline", randomId(random))]++;
        }
        double expected = (double) HOSTS / RolloutBucket.BUCKETS;
        double chiSquare = 0;
        for (int c : counts) {
            chiSquare += (c - expected) * (c - expected) / expected;
        }
        assertThat(chiSquare).isLessThan(150);
        int atFive = 0;
        for (int b = 0; b < 5; b++) {
            atFive += counts[b];
        }
        assertThat(atFive / (double) HOSTS).isBetween(0.045, 0.055);
    }

    @Test
    void aHostInAtOnePercentStaysInAtEveryHigherOne() {
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            int bucket = RolloutBucket.of("web-fleet", randomId(random));
            boolean wasIn = false;
            for (int percent = 0; percent <= 100; percent++) {
                boolean in = RolloutBucket.in(bucket, percent);
                assertThat(!wasIn || in).as("bucket %d at %d%%", bucket, percent).isTrue();
                wasIn = in;
            }
            assertThat(RolloutBucket.in(bucket, 0)).isFalse();
            assertThat(RolloutBucket.in(bucket, 100)).isTrue();
        }
    }

    /** Each policy draws its own first wave: the hosts in one policy's 10% are not the same as another's. */
    @Test
    void policiesSpreadTheFleetIndependently() {
        Random random = new Random(3);
        int inA = 0;
        int inBoth = 0;
        for (int i = 0; i < HOSTS; i++) {
            String id = randomId(random);
            boolean a = RolloutBucket.in(RolloutBucket.of("policy-a", id), 10);
            boolean b = RolloutBucket.in(RolloutBucket.of("policy-b", id), 10);
            inA += a ? 1 : 0;
            inBoth += a && b ? 1 : 0;
        }
        assertThat(inBoth / (double) inA).isBetween(0.08, 0.12);
    }

    private static String randomId(Random random) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
