package org.leakguard.platform.linux;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One table from {@code nft -j list}. The table comment is null when nft does not print it:
 * nft 1.0.6 leaves table and chain comments out of its JSON, while set and rule comments are in it.
 */
record NftTable(String family, String name, String comment, Map<String, NftSet> sets, Map<String, NftChain> chains) {
    NftTable {
        sets = Collections.unmodifiableMap(new LinkedHashMap<>(sets));
        chains = Collections.unmodifiableMap(new LinkedHashMap<>(chains));
    }
}
