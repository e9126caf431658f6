package org.leakguard.platform.linux;

import java.util.List;

/**
 * A chain in an nft table, as listed.
 *
 * @param ruleComments each rule's comment in order, "" for a rule without one
 */
record NftChain(String name, String type, String hook, Integer prio, String policy, List<String> ruleComments) {
    NftChain {
        ruleComments = List.copyOf(ruleComments);
    }
}
