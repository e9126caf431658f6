package org.leakguard.agent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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

    /**
     * Controls are read at the same time, one thread each but the last, which this thread reads:
     * a check is mostly waiting on first runs of code and on programs such as nft, and the
     * controls share nothing while they only read.
     */
    List<Outcome> evaluate(Spec spec, Host host) {
        List<Control<?>> governed = new ArrayList<>();
        for (Control<?> control : controls) {
            if (control.governs(spec)) {
                governed.add(control);
            }
        }
        List<FutureTask<Assessment>> tasks = new ArrayList<>();
        for (int i = 0; i < governed.size() - 1; i++) {
            FutureTask<Assessment> task = new FutureTask<>(new Assess(governed.get(i), spec, host));
            Thread thread = new Thread(task, "leakguard-observe-" + governed.get(i).id());
            thread.setDaemon(true);
            thread.start();
            tasks.add(task);
        }
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            out.add(new Outcome(governed.get(i).id(), join(tasks.get(i))));
        }
        if (!governed.isEmpty()) {
            Control<?> last = governed.get(governed.size() - 1);
            out.add(new Outcome(last.id(), assess(last, spec, host)));
        }
        return out;
    }

    /** One control's assessment, as a task; a class rather than a lambda, which start-up would link. */
    private record Assess(Control<?> control, Spec spec, Host host) implements Callable<Assessment> {
        @Override
        public Assessment call() {
            return assess(control, spec, host);
        }
    }

    private static Assessment join(FutureTask<Assessment> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Assessment.unknown("interrupted while reading the host");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
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
        return org.leakguard.agent.host.ErrorText.of(e);
    }
}
