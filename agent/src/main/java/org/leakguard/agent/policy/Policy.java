package org.leakguard.agent.policy;

/** A validated leakguard policy document: {@code apiVersion: leakguard/v1, kind: DnsLeakPolicy}. */
public record Policy(String apiVersion, String kind, Metadata metadata, Spec spec) {
    public static final String API_VERSION = "leakguard/v1";
    public static final String KIND = "DnsLeakPolicy";

    public Policy {
        if (metadata == null) {
            // An IllegalArgumentException the loader can place, rather than a bare NPE.
            throw new InvalidSetting("metadata", "missing; give the policy a name, e.g."
                    + " metadata: {name: corp-vpn-baseline}");
        }
        spec = spec == null ? Spec.EMPTY : spec;
    }

    public String name() {
        return metadata.name();
    }
}
