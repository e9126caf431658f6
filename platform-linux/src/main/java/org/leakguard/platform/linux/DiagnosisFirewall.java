package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;

/** Whether leakguard's firewall is loaded, intact (as its boot file defines it), and kept for boot. */
final class DiagnosisFirewall {
    static final String TOPIC = "firewall";

    private DiagnosisFirewall() {}

    static Diagnosis run(Host host) throws IOException {
        BootFiles boot = BootFiles.read(host.files(), !host.offline());
        List<String> evidence = new ArrayList<>(bootEvidence(boot));
        String file = boot.contents().get(BootFiles.NFT_FILE);
        Optional<WantedTable> defined = file == null ? Optional.empty() : NftFile.parse(file);
        if (file != null && defined.isEmpty()) {
            return new Diagnosis(TOPIC, Finding.Severity.ERROR, BootFiles.NFT_FILE
                    + " was edited: it is not what leakguard wrote; run agent apply to restore it", evidence);
        }
        if (host.offline()) {
            return new Diagnosis(TOPIC, Finding.Severity.INFO, "offline image: only the boot files can be checked", evidence);
        }
        FirewallState nft = FirewallObserve.nft(host);
        return switch (nft.kind()) {
            case PRESENT -> loaded(nft.table(), defined, boot, evidence);
            case ABSENT -> new Diagnosis(TOPIC, Finding.Severity.WARNING, "no leakguard table is loaded: nothing"
                    + " keeps DNS from going to resolvers other than the pinned ones", evidence);
            case NO_NFT -> DiagnosisIptables.run(host, boot, evidence);
            case FAILED -> new Diagnosis(TOPIC, Finding.Severity.WARNING, "unknown: "
                    + String.join(" ", FirewallControl.LIST_JSON) + " failed (" + nft.detail() + ")", evidence);
        };
    }

    private static Diagnosis loaded(NftTable table, Optional<WantedTable> defined, BootFiles boot, List<String> evidence) {
        if (defined.isEmpty()) {
            return new Diagnosis(TOPIC, Finding.Severity.WARNING, "table " + WantedTable.QUALIFIED
                    + " is loaded but has no boot file: a reboot opens every DNS path again", evidence);
        }
        List<String> diffs = differences(defined.get(), table);
        evidence.addAll(diffs);
        if (!diffs.isEmpty()) {
            return new Diagnosis(TOPIC, Finding.Severity.ERROR, "table " + WantedTable.QUALIFIED
                    + " was changed after leakguard loaded it; agent apply reloads it", evidence);
        }
        boolean kept = boot.contents().get(BootFiles.UNIT) != null || (boot.hostUsesNftablesConf()
                && FirewallBoot.withInclude(boot.nftConfText()).equals(boot.nftConfText()));
        return kept
                ? new Diagnosis(TOPIC, Finding.Severity.INFO, "table " + WantedTable.QUALIFIED + " is loaded, intact ("
                        + defined.get().digestComment() + ") and loaded again at boot", evidence)
                : new Diagnosis(TOPIC, Finding.Severity.WARNING, "table " + WantedTable.QUALIFIED
                        + " is intact but nothing loads it at boot", evidence);
    }

    /**
     * What differs from the boot file's table, less the cgroup exception rules: the boot file
     * leaves those out (nft refuses a file naming a cgroup that does not exist yet), so a table
     * that holds them besides carries another digest without having been changed.
     */
    static List<String> differences(WantedTable defined, NftTable table) {
        List<String> diffs = TableCheck.differences(defined, table);
        boolean cgroups = table.chains().values().stream()
                .anyMatch(c -> c.ruleComments().stream().anyMatch(DiagnosisFirewall::cgroupException));
        if (diffs.isEmpty() || !cgroups) {
            return diffs;
        }
        java.util.Map<String, NftSet> sets = new java.util.LinkedHashMap<>();
        table.sets().forEach((name, s) -> sets.put(name, new NftSet(s.name(), s.type(), s.flags(), defined.digestComment(),
                s.elements())));
        java.util.Map<String, NftChain> chains = new java.util.LinkedHashMap<>();
        table.chains().forEach((name, c) -> chains.put(name, new NftChain(c.name(), c.type(), c.hook(), c.prio(), c.policy(),
                c.ruleComments().stream().filter(r -> !cgroupException(r)).toList())));
        return TableCheck.differences(defined, new NftTable(table.family(), table.name(), null, sets, chains));
    }

    private static boolean cgroupException(String comment) {
        return comment.startsWith("lg:except-cgroup-");
    }

    static List<String> bootEvidence(BootFiles boot) {
        List<String> out = new ArrayList<>();
        boot.contents().forEach((path, text) -> {
            if (text != null) {
                out.add(path + " present");
            }
        });
        if (boot.hostUsesNftablesConf()) {
            boolean included = FirewallBoot.withInclude(boot.nftConfText()).equals(boot.nftConfText());
            out.add("nftables.service is enabled; " + boot.nftConf() + (included ? " includes " : " does not include ")
                    + BootFiles.NFT_FILE);
        }
        return out;
    }
}
