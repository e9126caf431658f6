package org.leakguard.platform.linux;

import java.util.List;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;

/** The last topic: the worst severity seen, and which topics need a person's eye. Pure. */
final class DiagnosisVerdict {
    private DiagnosisVerdict() {}

    static Diagnosis of(List<Diagnosis> topics) {
        Finding.Severity worst = Finding.Severity.INFO;
        for (Diagnosis d : topics) {
            if (d.severity().compareTo(worst) > 0) {
                worst = d.severity();
            }
        }
        List<String> flagged = topics.stream().filter(d -> d.severity() != Finding.Severity.INFO)
                .map(d -> d.topic() + ": " + d.summary()).toList();
        String summary = switch (worst) {
            case INFO -> "no DNS leak path found";
            case WARNING -> flagged.size() + " possible DNS leak path" + (flagged.size() == 1 ? "" : "s")
                    + ": see below, or apply a policy that closes them";
            case ERROR -> "leakguard's protection is damaged: run agent apply (or check) with the policy";
        };
        return new Diagnosis("verdict", worst, summary, flagged);
    }
}
