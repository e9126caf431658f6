package org.leakguard.agent.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;

/**
 * Reads one value from a streaming parser into Jackson's tree nodes, the nodes
 * {@code ObjectMapper.readTree} makes for plain documents.
 *
 * <p>Why not {@code ObjectMapper.readTree}: building the first {@code ObjectMapper} in a process
 * costs 20-35 ms of CPU (measured with a class data sharing archive), more than everything else
 * a compliant {@code agent check} does with the policy and the nft table; {@code JsonFactory}
 * and these nodes cost about 2 ms. Documents this does not cover (binary or other embedded
 * values) are refused, and the callers then take the mapper's way.
 */
public final class Trees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Trees() {}

    /** The value starting at the parser's next token; null when the input holds none. */
    public static JsonNode read(JsonParser p) throws IOException {
        return read(p, Set.of());
    }

    /**
     * As {@link #read(JsonParser)}, leaving out every object field named in {@code skip}, at any
     * depth: its value is passed over by the parser and never becomes nodes.
     */
    public static JsonNode read(JsonParser p, Set<String> skip) throws IOException {
        JsonToken first = p.nextToken();
        return first == null ? null : value(p, first, skip);
    }

    /** The value starting at {@code token}, the parser's current token. */
    public static JsonNode value(JsonParser p, JsonToken token) throws IOException {
        return value(p, token, Set.of());
    }

    private static JsonNode value(JsonParser p, JsonToken token, Set<String> skip) throws IOException {
        switch (token) {
            case START_OBJECT:
                return object(p, skip);
            case START_ARRAY:
                return array(p, skip);
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return integer(p);
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IOException("unexpected " + token + " where a value belongs");
        }
    }

    private static ObjectNode object(JsonParser p, Set<String> skip) throws IOException {
        ObjectNode node = NODES.objectNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                throw new IOException("unexpected " + t + " where a key belongs");
            }
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (skip.contains(name)) {
                p.skipChildren();
            } else {
                node.set(name, value(p, v, skip));
            }
        }
        return node;
    }

    private static ArrayNode array(JsonParser p, Set<String> skip) throws IOException {
        ArrayNode node = NODES.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            node.add(value(p, t, skip));
        }
        return node;
    }

    private static JsonNode integer(JsonParser p) throws IOException {
        switch (p.getNumberType()) {
            case INT:
                return NODES.numberNode(p.getIntValue());
            case LONG:
                return NODES.numberNode(p.getLongValue());
            default:
                return NODES.numberNode(p.getBigIntegerValue());
        }
    }
}
