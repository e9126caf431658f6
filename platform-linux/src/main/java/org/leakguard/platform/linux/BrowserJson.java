package org.leakguard.platform.linux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON files that leakguard shares with the programs that read them: browser policies and
 * dockerd's daemon.json. Reading is as strict as those programs' parsers (no comments, nothing
 * after the value), so a file leakguard accepts is one they accept too; writing is one fixed
 * layout, so the same content always renders to the same bytes.
 */
final class BrowserJson {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Numbers come back as the admin wrote them (1250.0 stays 1250.0, not 1.25E+3).
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final ObjectWriter WRITER = JSON.writer(layout());

    private BrowserJson() {}

    /** Two-space indent, {@code "key": value}, one array element per line, LF endings. */
    static DefaultPrettyPrinter layout() {
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indent)
                .withArrayIndenter(indent);
    }

    /** The file's top-level object; anything else is refused with where and why. */
    static ObjectNode parseObject(String text) throws Invalid {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Invalid("is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw new Invalid("is empty, not a JSON object");
        }
        if (!root.isObject()) {
            throw new Invalid("holds a JSON " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + ", not an object");
        }
        return (ObjectNode) root;
    }

    static ObjectNode newObject() {
        return JSON.createObjectNode();
    }

    /** The node in the fixed layout, with a final newline. */
    static String render(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always renders", e);
        }
    }

    /** A file leakguard must not rewrite: the message completes "PATH ...". */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }
}
