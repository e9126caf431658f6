package org.leakguard.platform.macos;

import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ruleset of leakguard's pf anchor, as data, and its text for {@code pfctl -a ANCHOR -f -}.
 * pfctl keeps no comments, so every rule carries a label with the digest of the whole text: what
 * {@code pfctl -s rules} prints back can be checked rule by rule without comparing pfctl's
 * normalised spelling.
 *
 * @param tables table name to its addresses (sorted); an empty table is left out with its rules
 */
record PfRuleset(Map<String, List<InetAddress>> tables, List<PfRule> rules) {
    static final String ANCHOR = "com.apple/250.leakguard";
    static final String OK = "leakguard_dns_ok";
    /** The servers of {@code resolvers.routes}: apart from OK, since DoT in force closes 53 to the pinned ones only. */
    static final String ROUTES = "leakguard_dns_routes";
    static final String DOH = "leakguard_doh";
    static final List<String> TABLES = List.of(OK, ROUTES, DOH);
    static final String LABEL_PREFIX = "leakguard ";

    PfRuleset {
        Map<String, List<InetAddress>> copy = new LinkedHashMap<>();
        tables.forEach((k, v) -> copy.put(k, Ips.distinctSorted(v)));
        tables = Collections.unmodifiableMap(copy);
        rules = List.copyOf(rules);
    }

    /** The first 12 hex digits of SHA-256 over the text without labels. */
    String digest() {
        return Tools.digest(render(null), 6);
    }

    String text() {
        return render(digest());
    }

    List<String> labels() {
        String d = digest();
        return rules.stream().map(r -> r.label(d)).toList();
    }

    private String render(String digest) {
        StringBuilder out = new StringBuilder("# leakguard: DNS leak rules for anchor " + ANCHOR
                + "; generated, replaced on every apply\n");
        tables.forEach((name, addresses) -> out.append("table <").append(name).append("> const { ")
                .append(String.join(" ", Ips.texts(addresses))).append(" }\n"));
        for (PfRule r : rules) {
            out.append(digest == null ? r.render("").replaceAll(" label \"[^\"]*\"$", "") : r.render(digest)).append('\n');
        }
        return out.toString();
    }
}
