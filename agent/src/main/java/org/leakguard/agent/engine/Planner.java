package org.leakguard.agent.engine;

import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;

/** Observes each governed control and asks it for its changes. Reads the host, never writes. */
final class Planner {
    private final List<Control<?>> controls;

    Planner(List<Control<?>> controls) {
        this.controls = List.copyOf(controls);
    }

    List<Outcome> evaluate(Spec spec, Host host) {
        List<Outcome> out = new ArrayList<>();
        for (Control<?> control : controls) {
            if (control.governs(spec)) {
                out.add(new Outcome(control.id(), assess(control, spec, host)));
            }
        }
        return out;
    }

    /** A control that cannot read the host is unknown, never compliant. */
    private static <O> Assessment assess(Control<O> control, Spec spec, Host host) {
        O observed;
        try {
            observed = control.observe(spec, host);
        } catch (Exception e) {
            return Assessment.unknown("could not read the host: " + describe(e));
        }
        return control.plan(spec, observed);
    }

    /** The ids of the controls the spec governs, without reading the host. */
    List<String> governed(Spec spec) {
        List<String> ids = new ArrayList<>();
        for (Control<?> control : controls) {
            if (control.governs(spec)) {
                ids.add(control.id());
            }
        }
        return ids;
    }

    static List<Change> changes(List<Outcome> outcomes) {
        return outcomes.stream().flatMap(o -> o.assessment().changes().stream()).toList();
    }

    static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
