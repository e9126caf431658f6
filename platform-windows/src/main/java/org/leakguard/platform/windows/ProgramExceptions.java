package org.leakguard.platform.windows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.leakguard.agent.policy.Exemption;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.spi.Finding;

/**
 * {@code firewall.exceptions} on Windows: per program, outbound allow rules for its DNS (UDP and
 * TCP to ports 53 and 853) to any address, named by the program ({@code -Program}), made only while
 * leakguard blocks 53 or 853 (with nothing blocked there is nothing to except). Paths are compared
 * ignoring case, as Windows does. Pure. Users and cgroups are Linux and macOS identities: not
 * applicable here, and said so.
 *
 * <p>Windows Firewall lets any block rule win over any allow rule ([MS-FASP]; an allow rule
 * overrides a block only with IPsec authentication), so while leakguard's own block rules hold
 * 53 or 853, the allow rules do not open those ports to other servers: the report says so for
 * each exception instead of claiming it is in force there.
 */
final class ProgramExceptions {
    static final String PREFIX = FirewallRules.GROUP + "-exempt-";
    static final List<String> PORTS = List.of("53", "853");

    private ProgramExceptions() {}

    /** The rules, and per exception a finding that says what it lets through; a bad path throws before any rule. */
    static List<FirewallRule> wanted(Firewall fw, List<Finding> findings) {
        List<FirewallRule> out = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        if (fw.plainDns() == PortRule.BLOCK_OTHERS) {
            blocked.add("53");
        }
        if (fw.dnsOverTls() == PortRule.BLOCK_OTHERS) {
            blocked.add("853");
        }
        Map<String, String> seen = new HashMap<>();
        for (Exemption e : fw.exceptions()) {
            if (e.kind() != Exemption.Kind.PROGRAM) {
                findings.add(Finding.info("exception " + e.shown() + ": not applicable on Windows (a " + e.kind().key()
                        + " is a Linux" + (e.kind() == Exemption.Kind.USER ? " and macOS" : "") + " identity); name the VPN"
                        + " client's program with program: for Windows"));
                continue;
            }
            String path = ProgramPath.check(e.program());
            if (blocked.isEmpty()) {
                // An allow rule where nothing is blocked lets nothing more through: none is made, as on macOS.
                findings.add(Finding.info("exception program " + path + ": firewall.plainDns and dnsOverTls block nothing,"
                        + " so there is nothing to except; left out"));
                continue;
            }
            // Windows paths ignore case: the same program twice would be two wanted states of one rule.
            String first = seen.putIfAbsent(path.toLowerCase(Locale.ROOT), path);
            if (first != null) {
                findings.add(Finding.info("exception program " + path + ": the same program as " + first + " (Windows paths"
                        + " ignore case); its rules are that exception's"));
                continue;
            }
            String id = PREFIX + ProgramPath.id(path);
            out.add(FirewallRule.allow(id + "-udp", "leakguard: DNS (UDP 53, 853) from " + path + " to any address", "UDP", PORTS, path));
            out.add(FirewallRule.allow(id + "-tcp", "leakguard: DNS (TCP 53, 853) from " + path + " to any address", "TCP", PORTS, path));
            findings.add(Finding.warning("exception program " + path + ": allowed by rules " + id + "-udp and " + id + "-tcp, but"
                    + " Windows Firewall lets a block rule win over any allow rule, so leakguard's block rules for port "
                    + String.join(" and ", blocked) + " still keep this program to the pinned and routed servers there;"
                    + " the exception is not in force on " + (blocked.size() == 1 ? "that port" : "those ports")
                    + ". Give the VPN client its server by address, or pin a resolver it can reach with the tunnel down"));
        }
        return out;
    }
}
