package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;

/**
 * Reads the firewall: nft when it can be run, else the iptables fallback; the boot files; and the
 * users and cgroups the policy's exceptions name.
 */
final class FirewallObserve {
    static final List<String> NFT_PROGRAMS = List.of("/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft");
    static final List<String> IPTABLES_PROGRAMS = List.of("/usr/sbin/iptables-restore", "/sbin/iptables-restore");

    private FirewallObserve() {}

    static FirewallSeen read(Spec spec, Host host) throws IOException {
        BootFiles boot = BootFiles.read(host.files(), !host.offline());
        HostIdentities ids = HostIdentities.read(spec, host.files());
        if (host.offline()) {
            return offline(host.files(), boot, ids);
        }
        FirewallState nft = nft(host);
        RouteRulesSeen routes = routes(host);
        if (nft.kind() != FirewallState.Kind.NO_NFT) {
            return new FirewallSeen(false, FirewallSeen.Backend.NFT, nft, Map.of(), null, boot, routes, ids);
        }
        Map<IptablesFamily, IptablesChains> chains = new EnumMap<>(IptablesFamily.class);
        for (IptablesFamily f : IptablesFamily.values()) {
            String problem;
            try {
                CommandResult r = host.commands().run(new Command(f.save(), null, null));
                problem = r.ok() ? null : String.join(" ", f.save()) + " exited " + r.exitCode() + ": " + r.stderr().strip();
                chains.put(f, r.ok() ? IptablesChains.parse(r.stdout()) : null);
            } catch (IOException e) {
                problem = "neither nft (" + nft.detail() + ") nor " + f.save().get(0) + " (" + e.getMessage()
                        + ") can be run: install nftables so the firewall section can be enforced";
            }
            if (problem != null) {
                return new FirewallSeen(false, FirewallSeen.Backend.NONE, nft, Map.of(), problem, boot, routes, ids);
            }
        }
        return new FirewallSeen(false, FirewallSeen.Backend.IPTABLES, nft, chains, null, boot, routes, ids);
    }

    /** An image is judged by the programs it holds: it will load its rules with those at boot. */
    private static FirewallSeen offline(Files files, BootFiles boot, HostIdentities ids) {
        FirewallSeen.Backend backend = NFT_PROGRAMS.stream().anyMatch(files::exists) ? FirewallSeen.Backend.NFT
                : IPTABLES_PROGRAMS.stream().anyMatch(files::exists) ? FirewallSeen.Backend.IPTABLES
                : FirewallSeen.Backend.NONE;
        String problem = backend == FirewallSeen.Backend.NONE
                ? "the image holds neither nft nor iptables-restore: install nftables in it" : null;
        return new FirewallSeen(true, backend, null, Map.of(), problem, boot,
                RouteRulesSeen.unavailable("an offline image: policy-routing rules live only in a running kernel"), ids);
    }

    /** leakguard's policy-routing rules; unavailable where the kernel cannot match ports in them or ip cannot list them. */
    static RouteRulesSeen routes(Host host) {
        try {
            CommandResult uname = host.commands().run(Command.of("uname", "-r"));
            if (!uname.ok() || !kernelMatchesPorts(uname.stdout().strip())) {
                return RouteRulesSeen.unavailable("policy-routing rules match protocol and port from Linux 4.17; this kernel is "
                        + (uname.ok() ? uname.stdout().strip() : "unknown (uname -r failed)"));
            }
            CommandResult v4 = host.commands().run(new Command(RouteRules.LIST4, null, null));
            if (!v4.ok()) {
                return RouteRulesSeen.unavailable(String.join(" ", RouteRules.LIST4) + " exited " + v4.exitCode() + ": "
                        + v4.stderr().strip());
            }
            List<RouteRule> rules = new java.util.ArrayList<>(RouteRules.parse(v4.stdout(), false));
            CommandResult v6 = host.commands().run(new Command(RouteRules.LIST6, null, null));
            if (v6.ok()) {
                rules.addAll(RouteRules.parse(v6.stdout(), true));
            }
            return new RouteRulesSeen(rules, v6.ok(), null);
        } catch (IOException e) {
            return RouteRulesSeen.unavailable("ip cannot be run: " + e.getMessage());
        }
    }

    /** Linux 4.17 and later: {@code 4.19.0-25-amd64}, {@code 6.1.0}. */
    static boolean kernelMatchesPorts(String release) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(release);
        if (!m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        return major > 4 || major == 4 && Integer.parseInt(m.group(2)) >= 17;
    }

    /** The runtime table through {@code nft -j}; NO_NFT when nft cannot be started at all. */
    static FirewallState nft(Host host) {
        CommandResult r;
        try {
            r = host.commands().run(new Command(FirewallControl.LIST_JSON, null, null));
        } catch (IOException e) {
            return new FirewallState(FirewallState.Kind.NO_NFT, null, e.getMessage());
        }
        if (!r.ok()) {
            return r.stderr().contains("No such file or directory")
                    ? FirewallState.of(FirewallState.Kind.ABSENT)
                    : new FirewallState(FirewallState.Kind.FAILED, null,
                            "exit " + r.exitCode() + ": " + r.stderr().strip());
        }
        try {
            return NftJson.parseTable(r.stdout(), WantedTable.FAMILY, WantedTable.NAME)
                    .map(t -> new FirewallState(FirewallState.Kind.PRESENT, t, null))
                    .orElse(FirewallState.of(FirewallState.Kind.ABSENT));
        } catch (IOException e) {
            return new FirewallState(FirewallState.Kind.FAILED, null, "unreadable output: " + e.getMessage());
        }
    }
}
