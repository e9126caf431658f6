package org.leakguard.platform.linux;

import java.util.List;
import org.leakguard.agent.net.AddressRange;
import org.leakguard.agent.net.AddressRanges;

/** A named set in an nft table, as listed; elements only for address types, normalized. */
record NftSet(String name, String type, List<String> flags, String comment, List<AddressRange> elements) {
    NftSet {
        flags = List.copyOf(flags);
        elements = AddressRanges.normalize(elements);
    }
}
