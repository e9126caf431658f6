package org.leakguard.agent.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The host's labels, which a policy's {@code appliesTo.labels} is matched against: a flat YAML
 * mapping of text to text, such as {@code role: web}, written by whoever provisions the host. Read
 * with the policy's strict YAML rules; a mistake is placed by file, line and column like a policy's.
 */
public final class HostLabels {
    private HostLabels() {}

    /** The labels in {@code bytes}, read from {@code file}; an empty document holds none. */
    public static Map<String, String> parse(String file, byte[] bytes) throws PolicyException {
        if (bytes.length > PolicyMapper.MAX_BYTES) {
            throw PolicyException.wholeFile(file, "larger than " + PolicyMapper.MAX_BYTES + " bytes; a labels file is a few lines");
        }
        StrictYamlParser p;
        try {
            p = (StrictYamlParser) PolicyMapper.MAPPER.createParser(bytes);
        } catch (IOException e) {
            throw PolicyException.wholeFile(file, "cannot read: " + e.getMessage());
        }
        try (p) {
            if (p.nextToken() == null) {
                return Map.of();
            }
            JsonNode document = PolicyMapper.MAPPER.readTree(p);
            return labels(document);
        } catch (JacksonException e) {
            throw new BindingErrors(file, p.sources()).translate(e);
        } catch (InvalidSetting e) {
            throw new BindingErrors(file, p.sources()).refused(e);
        } catch (IOException e) {
            throw PolicyException.wholeFile(file, "cannot read: " + e.getMessage());
        }
    }

    private static Map<String, String> labels(JsonNode document) {
        if (document == null || document.isNull()) {
            return Map.of();
        }
        if (!document.isObject()) {
            throw new InvalidSetting("", "expected a mapping of label names to values, e.g. role: web");
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : document.properties()) {
            JsonNode value = e.getValue();
            if (!value.isNull() && !value.isTextual()) {
                throw new InvalidSetting(e.getKey(), "expected text, found " + (value.isContainerNode() ? "a "
                        + (value.isArray() ? "list" : "mapping") : value.asText()) + "; put it in quotes");
            }
            String text = value.isNull() ? null : value.textValue();
            TargetRules.label("", e.getKey(), text);
            out.put(e.getKey(), text);
        }
        return out;
    }
}
