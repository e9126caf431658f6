package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.leakguard.agent.change.Change;

/**
 * The changes that make leakguard's NRPT rules the wanted ones. Pure. Each rule is its own change,
 * known by its first namespace and changed in place, so no routed name falls through to the
 * pinned servers while another rule changes; rules no longer wanted go after every other change,
 * and the caller orders the rest (the routes' rules before anything that pins other servers).
 * Rules are compared as a set: Windows lists them in the order of GUIDs it makes up.
 */
final class NrptPlan {
    private NrptPlan() {}

    /**
     * The changes that make each wanted rule hold, in the order given; rules no longer wanted are
     * {@link #removals}, for the caller to place after every other change.
     */
    static List<Change> updates(List<NrptRule> want, List<NrptRule> seen) {
        List<Change> out = new ArrayList<>();
        for (NrptRule w : want) {
            List<NrptRule> now = seen.stream().filter(r -> r.namespaces().contains(w.key())).toList();
            if (!now.equals(List.of(w))) {
                out.add(change(w.key(), List.of(w), why(w, now)));
            }
        }
        return out;
    }

    /** leakguard's rules that list none of the wanted rules' namespaces: removed, sorted by namespace. */
    static List<Change> removals(List<NrptRule> want, List<NrptRule> seen) {
        Set<String> wanted = new LinkedHashSet<>();
        want.forEach(w -> wanted.add(w.key()));
        // Sorted, so the plan does not follow the order Windows happens to list the rules in.
        Set<String> gone = new TreeSet<>();
        for (NrptRule r : seen) {
            if (r.namespaces().stream().noneMatch(wanted::contains)) {
                gone.add(r.key());
            }
        }
        List<Change> out = new ArrayList<>();
        gone.forEach(k -> out.add(change(k, List.of(), "the policy no longer routes " + k
                + " (removed after the other rules are in place)")));
        return out;
    }

    private static String why(NrptRule w, List<NrptRule> now) {
        String what = w.key().equals(NrptRule.ANY) ? "every name goes only to the pinned servers, on every adapter"
                : "names under " + w.namespaces().get(w.namespaces().size() - 1) + " go only to the route's servers";
        return what + (now.isEmpty() ? "" : "; replaces " + now);
    }

    /** Makes leakguard's rule for one namespace exactly {@code state} (empty: removes it). */
    static Change change(String namespace, List<NrptRule> state, String why) {
        ObjectNode subject = PowerShell.JSON.createObjectNode().put("name", NrptRule.NAME).put("namespace", namespace);
        return new ScriptState(ScriptKind.NRPT_RULE, "NRPT rule \"" + namespace + "\" (" + NrptRule.NAME + ")", subject.toString(),
                NrptRule.render(state).toString(), why);
    }
}
