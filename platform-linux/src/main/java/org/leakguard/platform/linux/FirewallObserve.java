package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.Host;

/** Reads the firewall: nft when it can be run, else the iptables fallback; and the boot files. */
final class FirewallObserve {
    static final List<String> NFT_PROGRAMS = List.of("/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft");
    static final List<String> IPTABLES_PROGRAMS = List.of("/usr/sbin/iptables-restore", "/sbin/iptables-restore");

    private FirewallObserve() {}

    static FirewallSeen read(Host host) throws IOException {
        BootFiles boot = BootFiles.read(host.files(), !host.offline());
        if (host.offline()) {
            return offline(host.files(), boot);
        }
        FirewallState nft = nft(host);
        if (nft.kind() != FirewallState.Kind.NO_NFT) {
            return new FirewallSeen(false, FirewallSeen.Backend.NFT, nft, Map.of(), null, boot);
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
                return new FirewallSeen(false, FirewallSeen.Backend.NONE, nft, Map.of(), problem, boot);
            }
        }
        return new FirewallSeen(false, FirewallSeen.Backend.IPTABLES, nft, chains, null, boot);
    }

    /** An image is judged by the programs it holds: it will load its rules with those at boot. */
    private static FirewallSeen offline(Files files, BootFiles boot) {
        FirewallSeen.Backend backend = NFT_PROGRAMS.stream().anyMatch(files::exists) ? FirewallSeen.Backend.NFT
                : IPTABLES_PROGRAMS.stream().anyMatch(files::exists) ? FirewallSeen.Backend.IPTABLES
                : FirewallSeen.Backend.NONE;
        String problem = backend == FirewallSeen.Backend.NONE
                ? "the image holds neither nft nor iptables-restore: install nftables in it" : null;
        return new FirewallSeen(true, backend, null, Map.of(), problem, boot);
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
