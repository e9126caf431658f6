package org.leakguard.platform.linux;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads back leakguard's own boot file (/etc/leakguard/leakguard.nft). Only leakguard's rendering
 * is understood; the file counts as intact when rendering what was read gives the same text, which
 * also proves its digest comments, so any edit shows. Pure.
 */
final class NftFile {
    private static final String RULE_MARK = " comment \"lg:";

    private NftFile() {}

    /** The table the file defines, or empty when it is not exactly what leakguard writes. */
    static Optional<WantedTable> parse(String text) {
        int start = text.indexOf(WantedTable.PROLOGUE);
        if (start < 0) {
            return Optional.empty();
        }
        String definition = text.substring(start + WantedTable.PROLOGUE.length());
        try {
            WantedTable t = read(definition);
            return t.definition().equals(definition) ? Optional.of(t) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static WantedTable read(String definition) {
        Map<String, List<InetAddress>> sets = new LinkedHashMap<>();
        List<NftChainSpec> chains = new ArrayList<>();
        List<InetAddress> set = null;
        String chain = null;
        String hook = null;
        List<NftRule> rules = new ArrayList<>();
        for (String line : definition.split("\n")) {
            String s = line.strip();
            if (s.startsWith("set ") && s.endsWith(" {")) {
                set = sets.computeIfAbsent(s.substring(4, s.length() - 2), k -> new ArrayList<>());
            } else if (s.startsWith("chain ") && s.endsWith(" {")) {
                set = null;
                chain = s.substring(6, s.length() - 2);
                rules = new ArrayList<>();
            } else if (s.startsWith("type filter hook ")) {
                hook = s.split(" ")[3];
            } else if (chain != null && s.contains(RULE_MARK) && s.endsWith("\"")) {
                int at = s.lastIndexOf(RULE_MARK);
                rules.add(new NftRule(s.substring(at + RULE_MARK.length(), s.length() - 1), s.substring(0, at)));
            } else if (chain != null && s.equals("}")) {
                chains.add(new NftChainSpec(chain, hook, rules));
                chain = null;
            } else if (set != null && s.endsWith(",")) {
                set.add(Addresses.parseLiteral(s.substring(0, s.length() - 1)));
            }
        }
        return new WantedTable(sets, chains);
    }
}
