package org.leakguard.platform.macos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.policy.BrowserDoh;

/**
 * Firefox's {@code DNSOverHTTPS} policy in the {@code org.mozilla.firefox} preference domain, the
 * supported way on a Mac (REFERENCE 2.2, 7.5): a payload of the configuration profile and, for
 * hosts without MDM, {@value #FILE} with {@code EnterprisePoliciesEnabled}. Nothing is ever written
 * inside Firefox.app: App Management refuses writes into another developer's signed bundle, and a
 * changed bundle breaks its code seal. Every other key in the file is kept. Pure.
 */
final class FirefoxPolicy {
    static final String APP = "/Applications/Firefox.app";
    static final String DOMAIN = "org.mozilla.firefox";
    static final String FILE = "/Library/Preferences/" + DOMAIN + ".plist";
    /** The bundle's own policies.json, read only to say that it is there. */
    static final String BUNDLE_FILE = APP + "/Contents/Resources/distribution/policies.json";
    static final String KEY = "DNSOverHTTPS";
    static final String ENABLED = "EnterprisePoliciesEnabled";
    /** Converts a binary plist (as {@code defaults write} leaves it) for reading. */
    static final List<String> TO_XML = List.of("plutil", "-convert", "xml1", "-o", "-", FILE);

    private FirefoxPolicy() {}

    /** Locked, so the setting cannot be switched back in Firefox; no fallback to the system resolver with DoH. */
    static Map<String, Object> wanted(BrowserDoh doh, String template) {
        Map<String, Object> want = new LinkedHashMap<>();
        if (doh == BrowserDoh.RESOLVER) {
            want.put("Enabled", true);
            want.put("ProviderURL", template.replaceAll("\\{[^}]*}", ""));
            want.put("Locked", true);
            want.put("Fallback", false);
        } else {
            want.put("Enabled", false);
            want.put("Locked", true);
        }
        return want;
    }

    /** The keys of the preference domain: what the profile payload and the file both carry. */
    static Map<String, Object> keys(BrowserDoh doh, String template) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(ENABLED, true);
        out.put(KEY, wanted(doh, template));
        return out;
    }

    /** The file with the wanted keys, or empty when it already says exactly that. {@code existing} null: no file. */
    static Optional<String> merged(Map<String, Object> existing, BrowserDoh doh, String template) {
        Map<String, Object> root = existing == null ? new LinkedHashMap<>() : new LinkedHashMap<>(existing);
        Map<String, Object> want = keys(doh, template);
        if (root.entrySet().containsAll(want.entrySet())) {
            return Optional.empty();
        }
        root.putAll(want);
        return Optional.of(Plist.document(root));
    }

    static String describe(BrowserDoh doh, String template) {
        return ENABLED + " true, " + KEY + " " + wanted(doh, template);
    }
}
