package org.leakguard.platform.macos;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Whether the loaded anchor is the wanted one: rule labels (digest and order) and table contents. */
final class AnchorCheck {
    private AnchorCheck() {}

    /** What differs, one line each; empty when the anchor is intact. */
    static List<String> differences(PfRuleset want, List<String> labels, Map<String, List<String>> tables) {
        List<String> out = new ArrayList<>();
        if (labels.isEmpty()) {
            out.add("anchor " + PfRuleset.ANCHOR + " has no rules loaded");
            return out;
        }
        if (!labels.equals(want.labels())) {
            out.add("anchor " + PfRuleset.ANCHOR + " rules are labelled " + labels + ", wanted " + want.labels());
        }
        for (String name : PfRuleset.TABLES) {
            Set<InetAddress> wanted = new HashSet<>(want.tables().getOrDefault(name, List.of()));
            Set<InetAddress> seen = new HashSet<>();
            for (String s : tables.getOrDefault(name, List.of())) {
                seen.add(Ips.parse(s));
            }
            if (!wanted.equals(seen)) {
                Set<InetAddress> missing = new HashSet<>(wanted);
                missing.removeAll(seen);
                Set<InetAddress> extra = new HashSet<>(seen);
                extra.removeAll(wanted);
                out.add("table <" + name + "> differs: missing " + texts(missing) + ", unexpected " + texts(extra));
            }
        }
        return out;
    }

    private static List<String> texts(Set<InetAddress> addresses) {
        return Ips.texts(Ips.distinctSorted(List.copyOf(addresses)));
    }
}
