package org.leakguard.platform.linux;

import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the firewall section asks for, before it is written as an nft table or as iptables chains.
 *
 * @param sets set name to its addresses, in declaration order
 * @param output the rules for traffic the host sends
 * @param forward the rules for traffic it routes (containers, VMs): the same less loopback
 */
record FirewallWanted(Map<String, List<InetAddress>> sets, List<FirewallRule> output, List<FirewallRule> forward) {

    FirewallWanted {
        Map<String, List<InetAddress>> copy = new LinkedHashMap<>();
        sets.forEach((k, v) -> copy.put(k, Addresses.distinctSorted(v)));
        sets = Collections.unmodifiableMap(copy);
        output = List.copyOf(output);
        forward = List.copyOf(forward);
    }

    /**
     * What boot loads: the same less the cgroup exceptions. A cgroup exists only once its service
     * starts, and nft refuses a whole file that names a missing one, which would leave the host
     * with no rule at all until the agent next runs.
     */
    FirewallWanted forBoot() {
        return new FirewallWanted(sets, output.stream().filter(r -> r.owner() == null || r.owner().cgroup() == null).toList(),
                forward);
    }

    WantedTable nft() {
        return new WantedTable(sets, List.of(
                new NftChainSpec("output", "output", output.stream().map(NftRuleText::of).toList()),
                new NftChainSpec("forward", "forward", forward.stream().map(NftRuleText::of).toList())));
    }
}
