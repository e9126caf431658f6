package org.leakguard.platform.macos;

import java.util.ArrayList;
import java.util.List;

/** pfctl's argv for leakguard's anchor, in one place. Never {@code -d}: pf may be someone else's. */
final class Pfctl {
    static final String PROGRAM = "pfctl";
    static final List<String> ENABLE = List.of(PROGRAM, "-E");
    static final List<String> REFERENCES = List.of(PROGRAM, "-s", "References");
    static final List<String> MAIN_RULES = List.of(PROGRAM, "-s", "rules");
    static final List<String> ANCHOR_RULES = List.of(PROGRAM, "-a", PfRuleset.ANCHOR, "-s", "rules");
    static final List<String> LOAD = List.of(PROGRAM, "-a", PfRuleset.ANCHOR, "-f", "-");
    static final List<String> FLUSH_RULES = List.of(PROGRAM, "-a", PfRuleset.ANCHOR, "-F", "rules");
    static final List<String> FLUSH_TABLES = List.of(PROGRAM, "-a", PfRuleset.ANCHOR, "-F", "Tables");

    private Pfctl() {}

    static List<String> release(String token) {
        if (!token.matches("\\d{1,20}")) {
            throw new IllegalArgumentException("not a pf enable token: " + token);
        }
        return List.of(PROGRAM, "-X", token);
    }

    static List<String> showTable(String table) {
        return List.of(PROGRAM, "-a", PfRuleset.ANCHOR, "-t", table, "-T", "show");
    }

    /** Kills every state to {@code address} (the first -k, a zero-length prefix, is "from anywhere"). */
    static List<String> killTo(String address) {
        String text = Ips.text(Ips.parse(address));
        List<String> out = new ArrayList<>(List.of(PROGRAM, "-k", text.contains(":") ? "::/0" : "0.0.0.0/0", "-k", text));
        return List.copyOf(out);
    }
}
