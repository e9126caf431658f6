package org.leakguard.agent.spi;

import java.util.function.Predicate;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;

/** A policy key that means nothing on this platform (smart name resolution off Windows). */
public record NotApplicableControl(String id, Predicate<Spec> setIn, String why) implements Control<Void> {

    @Override
    public boolean governs(Spec spec) {
        return setIn.test(spec);
    }

    @Override
    public Void observe(Spec spec, Host host) {
        return null;
    }

    @Override
    public Assessment plan(Spec spec, Void observed) {
        return Assessment.notApplicable(why);
    }
}
