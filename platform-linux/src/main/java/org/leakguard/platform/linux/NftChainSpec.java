package org.leakguard.platform.linux;

import java.util.List;

/** A base chain leakguard writes: type filter, priority filter, policy accept, on one hook. */
record NftChainSpec(String name, String hook, List<NftRule> rules) {
    static final String TYPE = "filter";
    static final int PRIORITY = 0;
    static final String POLICY = "accept";

    NftChainSpec {
        rules = List.copyOf(rules);
    }

    List<String> ruleComments() {
        return rules.stream().map(NftRule::comment).toList();
    }
}
