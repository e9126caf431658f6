package org.leakguard.agent.cli;

import java.nio.file.Path;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyException;
import org.leakguard.agent.policy.PolicyLoader;

/** Loading the policy a verb names; an invalid file stops the run before anything is read or changed. */
final class PolicyArg {
    private PolicyArg() {}

    static LoadedPolicy load(Path file) throws PolicyException {
        return new PolicyLoader().load(file);
    }
}
