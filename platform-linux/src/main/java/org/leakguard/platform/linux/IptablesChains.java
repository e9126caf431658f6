package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * leakguard's chains in one family's filter table: each chain's rules (as iptables-save prints
 * them, after {@code -A CHAIN}) and how many plain jumps reach it from its built-in chain. A
 * chain that is absent has no key.
 *
 * @param notFirst built-in chains in which leakguard's jump is not the first rule
 */
record IptablesChains(Map<String, List<String>> rules, Map<String, Integer> jumps, List<String> notFirst) {
    static final String OUT = "LEAKGUARD-OUT";
    static final String FWD = "LEAKGUARD-FWD";

    /** Each of leakguard's chains, and the built-in chain that jumps to it. */
    static final Map<String, String> HOOKS = Map.of(OUT, "OUTPUT", FWD, "FORWARD");

    static final IptablesChains NONE = new IptablesChains(Map.of(), Map.of(), List.of());

    IptablesChains {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        rules.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        rules = Collections.unmodifiableMap(copy);
        jumps = Map.copyOf(jumps);
        notFirst = List.copyOf(notFirst);
    }

    boolean present() {
        return !rules.isEmpty() || jumps.values().stream().anyMatch(n -> n > 0);
    }

    int jumps(String chain) {
        return jumps.getOrDefault(chain, 0);
    }

    /** leakguard's part of {@code iptables-save -t filter} output; everything else is ignored. */
    static IptablesChains parse(String save) {
        Map<String, List<String>> rules = new LinkedHashMap<>();
        Map<String, Integer> jumps = new LinkedHashMap<>();
        Map<String, Integer> seenInHook = new LinkedHashMap<>();
        List<String> notFirst = new ArrayList<>();
        for (String raw : save.split("\n")) {
            String line = raw.strip();
            String[] words = line.split(" ", 3);
            if (line.startsWith(":") && HOOKS.containsKey(words[0].substring(1))) {
                rules.put(words[0].substring(1), new ArrayList<>());
            } else if (words.length == 3 && words[0].equals("-A") && HOOKS.containsKey(words[1])) {
                rules.computeIfAbsent(words[1], k -> new ArrayList<>()).add(words[2]);
            } else if (words.length == 3 && words[0].equals("-A") && HOOKS.containsValue(words[1])) {
                int index = seenInHook.merge(words[1], 1, Integer::sum);
                jump(words[1], words[2], index, jumps, notFirst);
            }
        }
        return new IptablesChains(rules, jumps, notFirst);
    }

    private static void jump(String hook, String spec, int index, Map<String, Integer> jumps, List<String> notFirst) {
        HOOKS.forEach((chain, builtin) -> {
            if (builtin.equals(hook) && spec.equals("-j " + chain)) {
                jumps.merge(chain, 1, Integer::sum);
                if (index > 1 && !notFirst.contains(hook)) {
                    notFirst.add(hook);
                }
            }
        });
    }
}
