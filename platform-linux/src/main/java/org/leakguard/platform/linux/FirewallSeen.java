package org.leakguard.platform.linux;

import java.util.Map;

/**
 * What the firewall control read: which program serves the host, the runtime rules in it, and
 * the boot files.
 *
 * @param nft the nft read (its kind is NO_NFT when the iptables fallback serves), null offline
 * @param iptables leakguard's chains per family when the fallback serves, else empty
 * @param problem why neither program can be used (backend NONE), else null
 * @param routes leakguard's policy-routing rules, the layer a ruleset flush does not touch
 * @param identities the users and cgroups the policy's exceptions name, as this host has them
 */
record FirewallSeen(boolean offline, Backend backend, FirewallState nft, Map<IptablesFamily, IptablesChains> iptables,
        String problem, BootFiles boot, RouteRulesSeen routes, HostIdentities identities) {

    enum Backend {
        NFT,
        IPTABLES,
        NONE
    }

    FirewallSeen {
        iptables = Map.copyOf(iptables);
    }
}
