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
                        seen, f);
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
}
