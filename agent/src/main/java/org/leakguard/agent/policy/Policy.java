package org.leakguard.agent.policy;

import java.util.Objects;

/** A validated leakguard policy document: {@code apiVersion: leakguard/v1, kind: DnsLeakPolicy}. */
public record Policy(String apiVersion, String kind, Metadata metadata, Spec spec) {
    public static final String API_VERSION = "leakguard/v1";
    public static final String KIND = "DnsLeakPolicy";

    public Policy {
        Objects.requireNonNull(metadata, "metadata");
        spec = spec == null ? Spec.EMPTY : spec;
    }

    public String name() {
        return metadata.name();
    }
}
