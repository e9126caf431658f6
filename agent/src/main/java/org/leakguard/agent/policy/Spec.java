package org.leakguard.agent.policy;

/**
 * What the host must look like. Every section is optional: an absent (null) section is left
 * alone and its control reports not-applicable.
 *
 * @param localNameResolution LLMNR, NetBIOS and mDNS: names answered by whoever on the link replies
 * @param appliesTo which hosts the policy is for; others report not-applicable and are never changed
 * @param rollout how much of the fleet the policy reaches
 * @param windows choices only Windows has (how IPv6 is disabled, DoHPolicy)
 * @param macos choices only macOS has (iCloud Private Relay)
 * @param ipv6Loopback with {@code ipv6: disable}, whether loopback keeps IPv6 ({@code keep}, the default when
 *     absent, so services on ::1 keep working) or loses it too ({@code disable})
 */
public record Spec(
        Resolvers resolvers,
        Toggle smartNameResolution,
        Toggle ipv6,
        Firewall firewall,
        Browsers browsers,
        Verify verify,
        Containers containers,
        Toggle localNameResolution,
        AppliesTo appliesTo,
        Rollout rollout,
        Windows windows,
        Macos macos,
        Toggle ipv6Loopback) {

    public static final Spec EMPTY = new Spec(null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** Every section before ipv6Loopback. */
    public Spec(Resolvers resolvers, Toggle smartNameResolution, Toggle ipv6, Firewall firewall, Browsers browsers, Verify verify,
            Containers containers, Toggle localNameResolution, AppliesTo appliesTo, Rollout rollout, Windows windows, Macos macos) {
        this(resolvers, smartNameResolution, ipv6, firewall, browsers, verify, containers, localNameResolution, appliesTo, rollout,
                windows, macos, null);
    }

    /** Every section but the macOS one and ipv6Loopback. */
    public Spec(Resolvers resolvers, Toggle smartNameResolution, Toggle ipv6, Firewall firewall, Browsers browsers, Verify verify,
            Containers containers, Toggle localNameResolution, AppliesTo appliesTo, Rollout rollout, Windows windows) {
        this(resolvers, smartNameResolution, ipv6, firewall, browsers, verify, containers, localNameResolution, appliesTo, rollout,
                windows, null, null);
    }

    /** The sections before targeting and the Windows section. */
    public Spec(Resolvers resolvers, Toggle smartNameResolution, Toggle ipv6, Firewall firewall, Browsers browsers, Verify verify,
            Containers containers, Toggle localNameResolution) {
        this(resolvers, smartNameResolution, ipv6, firewall, browsers, verify, containers, localNameResolution, null, null, null);
    }

    /** The sections of policy v1 as first published. */
    public Spec(Resolvers resolvers, Toggle smartNameResolution, Toggle ipv6, Firewall firewall, Browsers browsers, Verify verify) {
        this(resolvers, smartNameResolution, ipv6, firewall, browsers, verify, null, null);
    }

    /** Whether loopback keeps IPv6 when the policy disables it: yes unless the policy says {@code ipv6Loopback: disable}. */
    public boolean keepsIpv6OnLoopback() {
        return ipv6Loopback != Toggle.DISABLE;
    }
}
