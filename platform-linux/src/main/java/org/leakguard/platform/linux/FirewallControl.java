package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.change.ProgramState;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Control;

/**
 * Closes DNS paths with one nftables table of leakguard's own, {@code inet leakguard}, loaded
 * atomically. No other table or rule is ever touched.
 */
final class FirewallControl implements Control<FirewallState> {
    static final List<String> LIST_JSON = List.of("nft", "-j", "list", "table", "inet", "leakguard");
    static final List<String> LIST = List.of("nft", "list", "table", "inet", "leakguard");
    static final List<String> LOAD = List.of("nft", "-f", "-");
    static final List<String> DELETE = List.of("nft", "delete", "table", "inet", "leakguard");

    @Override
    public String id() {
        return "firewall";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.firewall() != null;
    }

    @Override
    public FirewallState observe(Spec spec, Host host) {
        if (host.offline()) {
            return FirewallState.of(FirewallState.Kind.OFFLINE);
        }
        CommandResult r;
        try {
            r = host.commands().run(new Command(LIST_JSON, null, null));
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

    @Override
    public Assessment plan(Spec spec, FirewallState seen) {
        Optional<Assessment> unknown = unknown(seen);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        List<Finding> findings = new ArrayList<>();
        Optional<WantedTable> want = FirewallRules.wanted(spec, findings);
        return want.isPresent() ? planLoad(want.get(), seen, findings) : planNone(seen, findings);
    }

    /** A read that could not run says unknown, never compliant. */
    private static Optional<Assessment> unknown(FirewallState seen) {
        return switch (seen.kind()) {
            case OFFLINE -> Optional.of(Assessment.unknown("offline image: no runtime firewall"));
            case NO_NFT -> Optional.of(Assessment.unknown("nft cannot be run (" + seen.detail()
                    + "): install nftables so the firewall section can be enforced"));
            case FAILED -> Optional.of(Assessment.unknown(String.join(" ", LIST_JSON) + " failed ("
                    + seen.detail() + "): run it as root to see why"));
            case ABSENT, PRESENT -> Optional.empty();
        };
    }

    private static Assessment planLoad(WantedTable want, FirewallState seen, List<Finding> findings) {
        if (seen.kind() == FirewallState.Kind.ABSENT) {
            findings.add(Finding.info("table " + WantedTable.QUALIFIED + " is not loaded"));
            return Assessment.of(List.of(load(want)), findings);
        }
        List<String> diffs = TableCheck.differences(want, seen.table());
        if (diffs.isEmpty()) {
            findings.add(Finding.info("table " + WantedTable.QUALIFIED + " is loaded and intact ("
                    + want.digestComment() + ")"));
            return Assessment.of(List.of(), findings);
        }
        diffs.forEach(d -> findings.add(Finding.warning("table " + WantedTable.QUALIFIED + ": " + d)));
        return Assessment.of(List.of(load(want)), findings);
    }

    private static Assessment planNone(FirewallState seen, List<Finding> findings) {
        if (seen.kind() == FirewallState.Kind.ABSENT) {
            findings.add(Finding.info("the firewall section blocks nothing, and no leakguard table is loaded"));
            return Assessment.of(List.of(), findings);
        }
        // The prologue alone ends with the table deleted; undo re-feeds the listed table.
        return Assessment.of(List.of(new ProgramState(WantedTable.QUALIFIED, LIST, LOAD, WantedTable.PROLOGUE,
                DELETE, "the firewall section blocks nothing: remove leakguard's table")), findings);
    }

    static ProgramState load(WantedTable want) {
        return new ProgramState(WantedTable.QUALIFIED, LIST, LOAD, want.script(), DELETE,
                "load the DNS leak rules atomically (" + want.digestComment() + ")");
    }
}
