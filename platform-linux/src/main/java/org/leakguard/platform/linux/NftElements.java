package org.leakguard.platform.linux;

import com.fasterxml.jackson.databind.JsonNode;
import org.leakguard.agent.net.AddressRange;

/**
 * One set element from nft JSON: {@code "192.0.2.53"}, {@code {"prefix": {"addr": .., "len": ..}}},
 * {@code {"range": [a, b]}}, or any of these wrapped as {@code {"elem": {"val": ..}}} when the
 * element carries a timeout, counter or comment.
 */
final class NftElements {
    private NftElements() {}

    static AddressRange parse(JsonNode e) {
        if (e.isTextual()) {
            return AddressRange.of(Addresses.parseLiteral(e.asText()));
        }
        if (e.has("elem")) {
            return parse(e.get("elem").path("val"));
        }
        if (e.has("prefix")) {
            JsonNode p = e.get("prefix");
            return AddressRange.prefix(Addresses.parseLiteral(p.path("addr").asText()), p.path("len").asInt(-1));
        }
        if (e.has("range") && e.get("range").size() == 2) {
            JsonNode r = e.get("range");
            return AddressRange.between(
                    Addresses.parseLiteral(r.get(0).asText()), Addresses.parseLiteral(r.get(1).asText()));
        }
        throw new IllegalArgumentException("unknown nft set element: " + e);
    }
}
