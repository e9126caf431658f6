package org.leakguard.platform.macos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.leakguard.agent.policy.BrowserDoh;

/**
 * Firefox's {@code policies.DNSOverHTTPS} in the policies.json inside the app bundle, the file
 * Firefox on macOS reads (REFERENCE 2.2). Every other policy in the file is kept. Pure.
 */
final class FirefoxPolicy {
    static final String APP = "/Applications/Firefox.app";
    static final String FILE = APP + "/Contents/Resources/distribution/policies.json";
    static final String KEY = "DNSOverHTTPS";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FirefoxPolicy() {}

    /** Locked, so the setting cannot be switched back in Firefox; no fallback to the system resolver with DoH. */
    static ObjectNode wanted(BrowserDoh doh, String template) {
        ObjectNode want = JSON.createObjectNode();
        if (doh == BrowserDoh.RESOLVER) {
            want.put("Enabled", true).put("ProviderURL", template.replaceAll("\\{[^}]*}", "")).put("Locked", true)
                    .put("Fallback", false);
        } else {
            want.put("Enabled", false).put("Locked", true);
        }
        return want;
    }

    /**
     * The file with {@code want} as its DNSOverHTTPS, or empty when it already says exactly that.
     *
     * @throws IllegalArgumentException when the existing file is not a JSON object with an object
     *     {@code policies}: it is an admin's, and Firefox ignores it as it is
     */
    static Optional<String> merged(String existing, ObjectNode want) {
        ObjectNode root;
        if (existing == null || existing.isBlank()) {
            root = JSON.createObjectNode();
        } else {
            try {
                JsonNode parsed = JSON.readTree(existing);
                if (!(parsed instanceof ObjectNode o)) {
                    throw new IllegalArgumentException(FILE + " is not a JSON object");
                }
                root = o;
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(FILE + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
            }
        }
        JsonNode policies = root.get("policies");
        if (policies != null && !(policies instanceof ObjectNode)) {
            throw new IllegalArgumentException(FILE + ": \"policies\" is not an object");
        }
        ObjectNode p = policies == null ? root.putObject("policies") : (ObjectNode) policies;
        if (want.equals(p.get(KEY))) {
            return Optional.empty();
        }
        p.set(KEY, want);
        return Optional.of(render(root));
    }

    static String render(JsonNode root) {
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(pretty).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always renders", e);
        }
    }
}
