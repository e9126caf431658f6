package org.leakguard.agent.spi;

import java.util.function.Predicate;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;

/**
 * A policy key this platform cannot enforce yet. It is reported unknown, so a host is never
 * called compliant on a setting nobody checked.
 */
public record UnsupportedControl(String id, Predicate<Spec> setIn, String why) implements Control<Void> {

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
        return Assessment.unknown(why);
    }
}
