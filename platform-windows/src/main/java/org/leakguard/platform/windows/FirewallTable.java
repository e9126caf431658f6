package org.leakguard.platform.windows;

import java.util.List;
import org.leakguard.agent.net.AddressRange;

/** leakguard's firewall rules as a plan shows them: one rule a line, in columns. Pure. */
final class FirewallTable {
    static final String HEADER = "NAME | DIRECTION | ACTION | ENABLED | PROTOCOL | REMOTE PORT | REMOTE ADDRESS | PROGRAM";

    private FirewallTable() {}

    /** Null for no rules: a rule removed is shown as gone, not as an empty table. */
    static String render(List<FirewallRule> rules) {
        if (rules.isEmpty()) {
            return null;
        }
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        for (FirewallRule r : rules) {
            s.append(r.name()).append(" | ").append(r.direction()).append(" | ").append(r.action()).append(" | ")
                    .append(r.enabled()).append(" | ").append(r.protocol()).append(" | ")
                    .append(String.join(",", r.remotePorts())).append(" | ")
                    .append(r.remoteAddresses().isEmpty() ? FirewallRule.ANY
                            : String.join(",", r.remoteAddresses().stream().map(AddressRange::toString).toList()))
                    .append(" | ").append(r.program().isEmpty() ? FirewallRule.ANY : r.program()).append('\n');
        }
        return s.toString();
    }
}
