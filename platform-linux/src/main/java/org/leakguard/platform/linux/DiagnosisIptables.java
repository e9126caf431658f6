package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;

/** The firewall topic on a host without nft: leakguard's iptables chains against their boot files. */
final class DiagnosisIptables {
    private DiagnosisIptables() {}

    static Diagnosis run(Host host, BootFiles boot, List<String> evidence) throws IOException {
        boolean anyLoaded = false;
        for (IptablesFamily f : IptablesFamily.values()) {
            CommandResult r;
            try {
                r = host.commands().run(new Command(f.save(), null, null));
            } catch (IOException e) {
                return new Diagnosis(DiagnosisFirewall.TOPIC, Finding.Severity.WARNING,
                        "neither nft nor " + f.save().get(0) + " can be run: no firewall can be checked", evidence);
            }
            IptablesChains seen = IptablesChains.parse(r.stdout());
            anyLoaded |= seen.present();
            String file = boot.contents().get(f.bootFile());
            if (seen.present() && file != null) {
                IptablesChains defined = IptablesChains.parse(file);
                List<String> diffs = IptablesCheck.differences(
                        new IptablesChains(defined.rules(), Map.of(IptablesChains.OUT, 1, IptablesChains.FWD, 1), List.of()),
                        withoutCgroupExceptions(seen, defined), f);
                evidence.addAll(diffs);
                if (!diffs.isEmpty()) {
                    return new Diagnosis(DiagnosisFirewall.TOPIC, Finding.Severity.ERROR, f.program()
                            + " chains were changed after leakguard loaded them; agent apply reloads them", evidence);
                }
            }
        }
        if (!anyLoaded) {
            return new Diagnosis(DiagnosisFirewall.TOPIC, Finding.Severity.WARNING, "no nft, and no leakguard iptables"
                    + " chains: nothing keeps DNS from going to other resolvers", evidence);
        }
        boolean kept = boot.contents().get(BootFiles.UNIT) != null;
        return new Diagnosis(DiagnosisFirewall.TOPIC, kept ? Finding.Severity.INFO : Finding.Severity.WARNING,
                "leakguard's iptables chains are loaded (nft is not installed)"
                        + (kept ? " and loaded again at boot" : " but nothing loads them at boot"), evidence);
    }

    /**
     * The chains less their cgroup exception rules, which the boot file leaves out (the kernel
     * refuses a rule naming a cgroup that does not exist yet); where some were there, the digest
     * rule that opens each chain is taken as the boot file's, since it counted them.
     */
    static IptablesChains withoutCgroupExceptions(IptablesChains seen, IptablesChains defined) {
        Map<String, List<String>> rules = new java.util.LinkedHashMap<>();
        seen.rules().forEach((chain, lines) -> rules.put(chain,
                lines.stream().filter(l -> !IptablesCheck.key(l).startsWith("lg:except-cgroup-")).toList()));
        boolean removed = rules.values().stream().mapToInt(List::size).sum()
                < seen.rules().values().stream().mapToInt(List::size).sum();
        if (removed) {
            rules.replaceAll((chain, lines) -> {
                List<String> wanted = defined.rules().get(chain);
                if (lines.isEmpty() || wanted == null || wanted.isEmpty()) {
                    return lines;
                }
                List<String> out = new java.util.ArrayList<>(lines);
                out.set(0, wanted.get(0));
                return out;
            });
        }
        return new IptablesChains(rules, seen.jumps(), seen.notFirst());
    }
}
