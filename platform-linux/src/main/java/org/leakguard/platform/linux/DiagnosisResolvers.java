package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;

/**
 * The effective resolvers and who manages them (resolv.conf and, behind a stub, its uplinks), and
 * the servers each interface brings, as systemd-resolved and NetworkManager report them.
 */
final class DiagnosisResolvers {
    private DiagnosisResolvers() {}

    /** The resolv.conf topic, and every server address named there or behind the resolved stub. */
    record Effective(Diagnosis diagnosis, List<String> servers) {}

    static Effective effective(Host host) {
        try {
            List<String> chain = HostReads.linkChain(host.files(), ResolvConf.PATH);
            String text = HostReads.readThrough(host.files(), ResolvConf.PATH, chain);
            ResolvOwner owner = ResolvConf.parseOwner(chain, text, false);
            List<String> evidence = new ArrayList<>();
            if (!chain.isEmpty()) {
                evidence.add(ResolvConf.PATH + " -> " + String.join(" -> ", chain));
            }
            List<String> servers = new ArrayList<>(ResolvConf.parseNameservers(text));
            evidence.add("nameservers: " + servers);
            evidence.add("search: " + ResolvConf.parseSearch(text));
            if (owner == ResolvOwner.SYSTEMD_RESOLVED) {
                List<String> uplinks = ResolvConf.parseNameservers(
                        host.files().readString(ResolversInUse.RESOLVED_UPLINKS).orElse(null));
                evidence.add("behind the stub, " + ResolversInUse.RESOLVED_UPLINKS + ": " + uplinks);
                servers.addAll(uplinks);
            }
            Finding.Severity severity = text == null ? Finding.Severity.WARNING : Finding.Severity.INFO;
            return new Effective(new Diagnosis("resolv.conf", severity, "written by " + owner.label(), evidence), servers);
        } catch (IOException e) {
            return new Effective(new Diagnosis("resolv.conf", Finding.Severity.WARNING, "unknown: cannot read "
                    + ResolvConf.PATH, List.of(String.valueOf(e.getMessage()))), List.of());
        }
    }

    /** Per-interface servers; offline, or without resolvectl and nmcli, there is nothing to ask. */
    static Diagnosis interfaces(Host host, List<String> servers) {
        List<String> evidence = new ArrayList<>();
        if (!host.offline()) {
            ask(host, DiagnosisLinks.RESOLVECTL, "systemd-resolved", DiagnosisLinks::parseResolvectl, evidence, servers);
            ask(host, DiagnosisLinks.NMCLI, "NetworkManager", DiagnosisLinks::parseNmcli, evidence, servers);
        }
        if (evidence.isEmpty()) {
            return new Diagnosis("interfaces", Finding.Severity.INFO, "neither systemd-resolved nor NetworkManager"
                    + " reports per-interface servers: resolv.conf is the whole story", List.of());
        }
        return new Diagnosis("interfaces", Finding.Severity.INFO, "servers per interface, as their managers hold them",
                evidence);
    }

    private static void ask(Host host, List<String> argv, String who,
            java.util.function.Function<String, Map<String, List<String>>> parse, List<String> evidence, List<String> servers) {
        try {
            CommandResult r = host.commands().run(new Command(argv, null, null));
            if (r.ok()) {
                parse.apply(r.stdout()).forEach((link, list) -> {
                    evidence.add(who + " " + link + ": " + list);
                    list.forEach(s -> servers.add(s.replaceAll("#.*$", "").replaceAll("%.*$", "")));
                });
            }
        } catch (IOException e) {
            // Not installed: that manager holds no servers here.
        }
    }
}
