package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.change.PlatformImage;

/**
 * The anchor before a load, as pfctl showed it: its rules ({@code pfctl -a ANCHOR -sr}, empty when
 * the anchor did not exist) and leakguard's tables with their addresses. Undo loads exactly this.
 */
@JsonTypeName("macos-pf-anchor-image")
record AnchorImage(List<String> rules, Map<String, List<String>> tables) implements PlatformImage {

    AnchorImage {
        rules = List.copyOf(rules);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        tables.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        tables = java.util.Collections.unmodifiableMap(copy);
    }

    boolean absent() {
        return rules.isEmpty() && tables.isEmpty();
    }

    /** A ruleset that gives the anchor these rules and tables back (pfctl -sr prints loadable rules). */
    String ruleset() {
        StringBuilder out = new StringBuilder("# leakguard: the rules of " + PfRuleset.ANCHOR + " before a change, restored\n");
        tables.forEach((name, addresses) -> out.append("table <").append(name).append("> const { ")
                .append(String.join(" ", addresses)).append(" }\n"));
        rules.forEach(r -> out.append(r).append('\n'));
        return out.toString();
    }
}
