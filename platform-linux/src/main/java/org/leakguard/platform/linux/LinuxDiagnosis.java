package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;

/** What {@code agent diagnose} explains on Linux: who writes resolv.conf and which servers it names. */
final class LinuxDiagnosis {
    private LinuxDiagnosis() {}

    static List<Diagnosis> run(Host host) {
        List<Diagnosis> out = new ArrayList<>();
        out.add(resolvConf(host.files()));
        return out;
    }

    private static Diagnosis resolvConf(Files f) {
        try {
            List<String> chain = HostReads.linkChain(f, ResolvConf.PATH);
            String text = HostReads.readThrough(f, ResolvConf.PATH, chain);
            ResolvOwner owner = ResolvConf.parseOwner(chain, text, false);
            List<String> evidence = new ArrayList<>();
            if (!chain.isEmpty()) {
                evidence.add(ResolvConf.PATH + " -> " + String.join(" -> ", chain));
            }
            evidence.add("nameservers: " + ResolvConf.parseNameservers(text));
            evidence.add("search: " + ResolvConf.parseSearch(text));
            return new Diagnosis("resolv.conf", Finding.Severity.INFO, "written by " + owner.label(), evidence);
        } catch (IOException e) {
            return new Diagnosis("resolv.conf", Finding.Severity.WARNING, "unknown: cannot read " + ResolvConf.PATH,
                    List.of(String.valueOf(e.getMessage())));
        }
    }
}
