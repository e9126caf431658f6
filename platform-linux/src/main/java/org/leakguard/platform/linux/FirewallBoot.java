package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.DeleteFile;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.spi.Finding;

/**
 * Keeps the firewall closed across reboots and crashes: the rules are written to files that boot
 * loads before any network is up. Where the host's enabled nftables.service loads nftables.conf,
 * leakguard's file is included from there: that file starts with {@code flush ruleset}, so a
 * separate unit's table would be flushed by every start or reload of the host's firewall.
 * Otherwise a oneshot unit of leakguard's own loads it, pulled into sysinit.target by a drop-in
 * rather than an enable symlink, so every piece is a plain file the journal restores exactly and
 * an offline image gets the same files. Pure.
 */
final class FirewallBoot {
    static final String INCLUDE = "include \"" + BootFiles.NFT_FILE + "\"";
    static final String INCLUDE_COMMENT = "# Added by leakguard: its DNS leak table, loaded after the rules above.";

    private FirewallBoot() {}

    /** The boot files wanted for an nft table ({@code nftScript}) or iptables chains, or none (both null). */
    static Map<String, String> wanted(BootFiles seen, String nftScript, Map<IptablesFamily, String> iptables) {
        return wanted(seen, nftScript, iptables, List.of());
    }

    /** As above, with leakguard's policy-routing rules, which boot adds after the firewall rules. */
    static Map<String, String> wanted(BootFiles seen, String nftScript, Map<IptablesFamily, String> iptables,
            List<RouteRule> routes) {
        Map<String, String> out = new LinkedHashMap<>();
        BootFiles.MANAGED.forEach(p -> out.put(p, null));
        List<String> exec = new ArrayList<>();
        if (nftScript != null) {
            out.put(BootFiles.NFT_FILE, FirewallBootText.NFT_HEADER + nftScript);
            if (!seen.hostUsesNftablesConf()) {
                exec.add("/usr/sbin/nft -f " + BootFiles.NFT_FILE);
            }
        } else if (iptables != null) {
            iptables.forEach((family, script) -> {
                out.put(family.bootFile(), FirewallBootText.IPTABLES_HEADER + script);
                exec.add("/usr/sbin/" + String.join(" ", family.restoreFile(family.bootFile())));
            });
        }
        for (boolean v6 : new boolean[] {false, true}) {
            List<RouteRule> rules = RouteRules.family(routes, v6);
            if (!rules.isEmpty()) {
                String file = BootFiles.routesFile(v6);
                // -force: the deletions of rules not there yet fail, the additions still run.
                out.put(file, FirewallBootText.ROUTES_HEADER + RouteRules.batch(rules, rules));
                exec.add("-/usr/sbin/ip -force " + (v6 ? "-6" : "-4") + " -batch " + file);
            }
        }
        if (!exec.isEmpty()) {
            out.put(BootFiles.UNIT, FirewallBootText.unit(exec));
            out.put(BootFiles.DROP_IN, FirewallBootText.DROP_IN);
        }
        return out;
    }

    /** The file changes from what is there to what is wanted, nftables.conf's include line included. */
    static List<Change> changes(BootFiles seen, Map<String, String> wanted, boolean include, List<Finding> findings) {
        List<Change> out = new ArrayList<>();
        wanted.forEach((path, text) -> {
            String now = seen.contents().get(path);
            if (Objects.equals(now, text)) {
                return;
            }
            if (text == null) {
                out.add(new DeleteFile(path, "leakguard's boot firewall no longer loads from here"));
            } else {
                findings.add(Finding.info(path + (now == null ? " is missing" : " differs from the wanted rules")));
                out.add(WriteFile.text(path, text, 0644, why(path)));
            }
        });
        if (seen.hostUsesNftablesConf()) {
            String conf = include ? withInclude(seen.nftConfText()) : withoutInclude(seen.nftConfText());
            if (!conf.equals(seen.nftConfText())) {
                out.add(WriteFile.text(seen.nftConf(), conf, null, include
                        ? "the host's nftables.service also loads leakguard's table, after its flush ruleset"
                        : "leakguard's table is no longer included"));
            }
        }
        return out;
    }

    static String withInclude(String conf) {
        if (conf.lines().anyMatch(l -> l.strip().equals(INCLUDE))) {
            return conf;
        }
        String base = conf.isEmpty() || conf.endsWith("\n") ? conf : conf + "\n";
        return base + INCLUDE_COMMENT + "\n" + INCLUDE + "\n";
    }

    static String withoutInclude(String conf) {
        StringBuilder out = new StringBuilder();
        for (String line : conf.split("(?<=\n)")) {
            String s = line.strip();
            if (!s.equals(INCLUDE) && !s.equals(INCLUDE_COMMENT)) {
                out.append(line);
            }
        }
        return out.toString();
    }

    private static String why(String path) {
        if (path.equals(BootFiles.UNIT)) {
            return "load the DNS leak rules at boot, before network-pre.target";
        }
        if (path.equals(BootFiles.DROP_IN)) {
            return "start leakguard-firewall.service with sysinit.target on every boot";
        }
        return "the DNS leak rules that boot loads, so a reboot or crash never opens a leak";
    }
}
