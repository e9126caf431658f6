package org.leakguard.agent.policy;

/**
 * What the host must look like. Every section is optional: an absent (null) section is left
 * alone and its control reports not-applicable.
 */
public record Spec(
        Resolvers resolvers,
        Toggle smartNameResolution,
        Toggle ipv6,
        Firewall firewall,
        Browsers browsers,
        Verify verify) {

    public static final Spec EMPTY = new Spec(null, null, null, null, null, null);
}
