package org.leakguard.platform.linux;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leakguard.agent.json.Trees;
import org.leakguard.agent.net.AddressRange;

/** Parses {@code nft -j list table|ruleset} output (JSON schema 1, nft 0.9.3 to 1.0.x). */
final class NftJson {
    /** A parser factory, not a mapper: see {@link Trees} for what a mapper costs a check. */
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> SKIPPED = Set.of("expr");

    private NftJson() {}

    /** The named table, or empty when the output does not hold it. */
    static Optional<NftTable> parseTable(String json, String family, String name) throws IOException {
        return parseTables(json).stream()
                .filter(t -> t.family().equals(family) && t.name().equals(name))
                .findFirst();
    }

    /** Every table in the output, with its sets, chains and rule comments. */
    static List<NftTable> parseTables(String json) throws IOException {
        JsonNode root;
        try (JsonParser p = JSON.createParser(json)) {
            // A rule's expressions are three quarters of the output and only its comment is read.
            root = Trees.read(p, SKIPPED);
        }
        JsonNode items = root == null ? MissingNode.getInstance() : root.path("nftables");
        if (!items.isArray()) {
            throw new IOException("not nft JSON output: no \"nftables\" array");
        }
        Map<String, Builder> tables = new LinkedHashMap<>();
        for (JsonNode item : items) {
            if (item.has("table")) {
                JsonNode t = item.get("table");
                tables.put(key(t.path("family").asText(), t.path("name").asText()), new Builder(t));
            }
        }
        try {
            for (JsonNode item : items) {
                addTo(tables, item);
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("unexpected nft JSON: " + e.getMessage(), e);
        }
        return tables.values().stream().map(Builder::build).toList();
    }

    private static void addTo(Map<String, Builder> tables, JsonNode item) {
        if (item.has("set")) {
            JsonNode s = item.get("set");
            owner(tables, s).ifPresent(b -> b.sets.put(s.path("name").asText(), set(s)));
        } else if (item.has("chain")) {
            JsonNode c = item.get("chain");
            owner(tables, c).ifPresent(b -> b.chainNodes.put(c.path("name").asText(), c));
        } else if (item.has("rule")) {
            JsonNode r = item.get("rule");
            owner(tables, r).ifPresent(b -> b.rules
                    .computeIfAbsent(r.path("chain").asText(), k -> new ArrayList<>())
                    .add(r.path("comment").asText("")));
        }
    }

    private static Optional<Builder> owner(Map<String, Builder> tables, JsonNode n) {
        return Optional.ofNullable(tables.get(key(n.path("family").asText(), n.path("table").asText())));
    }

    private static NftSet set(JsonNode s) {
        String type = s.path("type").asText();
        List<String> flags = new ArrayList<>();
        s.path("flags").forEach(f -> flags.add(f.asText()));
        List<AddressRange> elements = new ArrayList<>();
        if (type.equals("ipv4_addr") || type.equals("ipv6_addr")) {
            s.path("elem").forEach(e -> elements.add(NftElements.parse(e)));
        }
        return new NftSet(s.path("name").asText(), type, flags, text(s, "comment"), elements);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String key(String family, String name) {
        return family + " " + name;
    }

    /** Collects one table's parts; rules may be listed apart from their chain. */
    private static final class Builder {
        final JsonNode table;
        final Map<String, NftSet> sets = new LinkedHashMap<>();
        final Map<String, JsonNode> chainNodes = new LinkedHashMap<>();
        final Map<String, List<String>> rules = new LinkedHashMap<>();

        Builder(JsonNode table) {
            this.table = table;
        }

        NftTable build() {
            Map<String, NftChain> chains = new LinkedHashMap<>();
            chainNodes.forEach((name, c) -> chains.put(name, new NftChain(
                    name,
                    text(c, "type"),
                    text(c, "hook"),
                    c.has("prio") && c.get("prio").isInt() ? Integer.valueOf(c.get("prio").asInt()) : null,
                    text(c, "policy"),
                    rules.getOrDefault(name, List.of()))));
            return new NftTable(table.path("family").asText(), table.path("name").asText(),
                    text(table, "comment"), sets, chains);
        }
    }
}
