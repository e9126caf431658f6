package org.leakguard.agent.engine;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A host's place in a policy's rollout: 0 to 99, the SHA-256 of {@code "<policy name>:<machine id>"}
 * (UTF-8; the id trimmed and lower-cased) read as an unsigned number, modulo 100. A host is in when
 * its bucket is below {@code rollout.percent}, so raising the percent only ever adds hosts, and each
 * policy name spreads the fleet differently (the same 5% do not get every first wave).
 */
public final class RolloutBucket {
    public static final int BUCKETS = 100;

    private RolloutBucket() {}

    public static int of(String policyName, String machineId) {
        String key = policyName + ":" + machineId.strip().toLowerCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest).mod(BigInteger.valueOf(BUCKETS)).intValue();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static boolean in(int bucket, int percent) {
        return bucket < percent;
    }
}
