package org.leakguard.agent.probe;

import java.util.List;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.report.ProbeReport;

/** Leak probes: real traffic that shows where the host's DNS goes. */
public interface Verifier {

    /** Runs the probes the policy asks for. A probe that could not run has {@code passed == null}. */
    List<ProbeReport> run(Spec spec, List<java.net.InetAddress> previousResolvers);

    /** Says plainly that no probe ran, so a run that asked for probes cannot pass on settings alone. */
    Verifier UNAVAILABLE = (spec, previous) -> List.of(new ProbeReport("probes", "-", "leak probes run",
            "leak probes are not available in this build; set verify.probes: false to rely on settings alone", null, 0));
}
