package org.leakguard.agent.policy;

import java.util.Objects;

/**
 * A policy with where it came from: reports and the journal record the file and the
 * SHA-256 (lower-case hex) of its bytes, so a run can be tied to the exact text it enforced.
 */
public record LoadedPolicy(String file, String sha256, Policy policy) {
    public LoadedPolicy {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(policy, "policy");
    }
}
