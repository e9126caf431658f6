package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether leakguard's chains in one family are the wanted ones, judged like the nft table: by
 * each rule's comment (which names the address) and verdict, in order, and by the jumps. The
 * rest of a rule's text, which iptables versions print differently, is not compared.
 */
final class IptablesCheck {
    private static final Pattern COMMENT = Pattern.compile("--comment (\"[^\"]*\"|\\S+)");
    private static final Pattern VERDICT = Pattern.compile("-j (\\S+)(?: --reject-with (\\S+))?");

    private IptablesCheck() {}

    static List<String> differences(IptablesChains want, IptablesChains seen, IptablesFamily family) {
        List<String> out = new ArrayList<>();
        want.rules().forEach((chain, rules) -> {
            List<String> seenRules = seen.rules().get(chain);
            if (seenRules == null) {
                out.add(family.program() + " chain " + chain + " is missing");
                return;
            }
            List<String> wanted = rules.stream().map(IptablesCheck::key).toList();
            List<String> got = seenRules.stream().map(IptablesCheck::key).toList();
            if (!wanted.equals(got)) {
                out.add(family.program() + " chain " + chain + " differs: " + diff(wanted, got));
            }
            if (seen.jumps(chain) != 1) {
                out.add(family.program() + " " + IptablesChains.HOOKS.get(chain) + " jumps to " + chain + " "
                        + seen.jumps(chain) + " times, wanted once");
            }
        });
        return out;
    }

    /** A rule's comment and verdict: {@code lg:dns-ok4:192.0.2.53 RETURN}. */
    static String key(String rule) {
        Matcher c = COMMENT.matcher(rule);
        String comment = c.find() ? c.group(1).replace("\"", "") : "(no comment)";
        Matcher v = VERDICT.matcher(rule);
        String verdict = v.find() ? v.group(1) + (v.group(2) == null ? "" : " " + v.group(2)) : "";
        return (comment + " " + verdict).strip();
    }

    private static String diff(List<String> wanted, List<String> got) {
        List<String> missing = new ArrayList<>(wanted);
        missing.removeAll(got);
        List<String> extra = new ArrayList<>(got);
        extra.removeAll(wanted);
        if (missing.isEmpty() && extra.isEmpty()) {
            return "the rules are out of order";
        }
        return "missing " + missing + ", unexpected " + extra;
    }
}
