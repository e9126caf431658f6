package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * Closes DNS paths with one nftables table of leakguard's own, {@code inet leakguard}, loaded
 * atomically; where nft is not installed, with chains of its own in iptables and ip6tables. No
 * other table, chain or rule is ever touched. The same rules are written to files that boot
 * loads before any network is up ({@link FirewallBoot}).
 */
final class FirewallControl implements Control<FirewallSeen> {
    static final List<String> LIST_JSON = List.of("nft", "-j", "list", "table", "inet", "leakguard");
    static final List<String> LIST = List.of("nft", "list", "table", "inet", "leakguard");
    static final List<String> LOAD = List.of("nft", "-f", "-");
    static final List<String> DELETE = List.of("nft", "delete", "table", "inet", "leakguard");
    static final List<String> DAEMON_RELOAD = List.of("systemctl", "daemon-reload");

    @Override
    public String id() {
        return "firewall";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.firewall() != null;
    }

    @Override
    public FirewallSeen observe(Spec spec, Host host) throws IOException {
        return FirewallObserve.read(spec, host);
    }

    @Override
    public Assessment plan(Spec spec, FirewallSeen seen) {
        Optional<Assessment> unknown = unknown(seen);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        List<Finding> findings = new ArrayList<>();
        Optional<FirewallWanted> want = FirewallRules.wanted(spec, seen.identities(), findings);
        List<Change> changes = new ArrayList<>();
        if (seen.backend() == FirewallSeen.Backend.NONE) {
            // Rules are data: the plan shows what would be loaded, though nothing here can load it yet.
            findings.add(Finding.error(seen.problem()));
        }
        if (seen.offline()) {
            findings.add(Finding.info("offline image: only the boot files are written; the rules load when it boots"));
        } else if (seen.backend() == FirewallSeen.Backend.NONE) {
            want.map(w -> FirewallNftPlan.load(w.nft())).ifPresent(changes::add);
        } else if (seen.backend() == FirewallSeen.Backend.NFT) {
            changes.addAll(FirewallNftPlan.runtime(want.map(FirewallWanted::nft), seen.nft(), findings));
        } else {
            changes.addAll(FirewallIptablesPlan.runtime(want, seen.iptables(), findings));
        }
        changes.addAll(RouteRules.plan(want, seen.routes(), findings));
        changes.addAll(boot(want.map(FirewallWanted::forBoot), seen, findings));
        PortalSets.report(seen.nft(), findings);
        if (seen.backend() == FirewallSeen.Backend.NONE && want.isPresent()) {
            return new Assessment(Status.NON_COMPLIANT, changes, findings); // nothing here can load the rules
        }
        return Assessment.of(changes, findings);
    }

    /** A read that could not run says unknown, never compliant. */
    private static Optional<Assessment> unknown(FirewallSeen seen) {
        if (seen.nft() != null && seen.nft().kind() == FirewallState.Kind.FAILED) {
            return Optional.of(Assessment.unknown(String.join(" ", LIST_JSON) + " failed ("
                    + seen.nft().detail() + "): run it as root to see why"));
        }
        return Optional.empty();
    }

    private static List<Change> boot(Optional<FirewallWanted> want, FirewallSeen seen, List<Finding> findings) {
        boolean nft = seen.backend() != FirewallSeen.Backend.IPTABLES;
        String script = nft ? want.map(w -> w.nft().script()).orElse(null) : null;
        Map<IptablesFamily, String> iptables = null;
        if (!nft && want.isPresent()) {
            iptables = new EnumMap<>(IptablesFamily.class);
            for (IptablesFamily f : IptablesFamily.values()) {
                iptables.put(f, IptablesScript.transition(IptablesChains.NONE, IptablesScript.chains(want.get(), f)));
            }
        }
        Map<String, String> files = FirewallBoot.wanted(seen.boot(), script, iptables, RouteRules.usable(want, seen.routes()));
        List<Change> out = new ArrayList<>(FirewallBoot.changes(seen.boot(), files, script != null, findings));
        boolean unitChanged = out.stream().anyMatch(c -> c.target().startsWith("/etc/systemd/"));
        if (unitChanged && seen.boot().systemdRuns()) {
            out.add(new Reload(DAEMON_RELOAD, "systemd reads leakguard's boot unit as it is now"));
        }
        return out;
    }
}
