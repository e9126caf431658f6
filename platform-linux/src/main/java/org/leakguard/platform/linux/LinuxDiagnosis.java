package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;

/**
 * What {@code agent diagnose} explains on Linux: the manual checks for a DNS leak done by the
 * agent (the effective resolvers and who writes them, per-interface servers, open DNS sockets and
 * their processes, browser DoH, IPv6, leakguard's firewall), then a verdict. Read-only.
 */
final class LinuxDiagnosis {
    private LinuxDiagnosis() {}

    static List<Diagnosis> run(Host host) {
        List<Diagnosis> out = new ArrayList<>();
        DiagnosisResolvers.Effective effective = DiagnosisResolvers.effective(host);
        List<String> known = new ArrayList<>(effective.servers());
        out.add(effective.diagnosis());
        out.add(DiagnosisResolvers.interfaces(host, known));
        out.add(topic(DiagnosisRouting.TOPIC, () -> DiagnosisRouting.run(host)));
        out.add(topic(DiagnosisSockets.TOPIC, () -> DiagnosisSockets.run(host.files(), known)));
        out.add(topic("browsers", () -> DiagnosisBrowsers.run(host.files())));
        out.add(topic(Ipv6Diagnosis.TOPIC, () -> Ipv6Diagnosis.run(host.files(), effective.servers())));
        out.add(topic(DiagnosisFirewall.TOPIC, () -> DiagnosisFirewall.run(host)));
        out.add(DiagnosisVerdict.of(out));
        return out;
    }

    /** One read that fails costs its topic only, which then says why it is unknown. */
    private static Diagnosis topic(String name, Read read) {
        try {
            return read.get();
        } catch (IOException | RuntimeException e) {
            return new Diagnosis(name, Finding.Severity.WARNING, "unknown: " + e.getMessage(), List.of());
        }
    }

    @FunctionalInterface
    private interface Read {
        Diagnosis get() throws IOException;
    }
}
