package org.leakguard.platform.linux;

import java.util.List;

/**
 * leakguard's policy-routing rules as read, or why the second layer cannot be used here.
 *
 * @param rules leakguard's rules, IPv4 then IPv6
 * @param v6 whether the IPv6 rule list can be read (not when the kernel runs without IPv6)
 * @param problem why there is no second layer on this host (kernel before 4.17, no ip), else null
 */
record RouteRulesSeen(List<RouteRule> rules, boolean v6, String problem) {
    RouteRulesSeen {
        rules = List.copyOf(rules);
    }

    static RouteRulesSeen unavailable(String problem) {
        return new RouteRulesSeen(List.of(), false, problem);
    }
}
