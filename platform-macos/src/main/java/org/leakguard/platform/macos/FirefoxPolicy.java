package org.leakguard.platform.macos;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.leakguard.agent.policy.BrowserDoh;

/**
 * Firefox's {@code DNSOverHTTPS} policy in the {@code org.mozilla.firefox} preference domain, the
 * supported way on a Mac (REFERENCE 2.2, 7.5): a payload of the configuration profile and, for
 * hosts without MDM, {@value #FILE} with {@code EnterprisePoliciesEnabled}, written and read through
 * {@code defaults} ({@link FirefoxDomain}) so that cfprefsd serves what was written. Nothing is ever written
 * inside Firefox.app: App Management refuses writes into another developer's signed bundle, and a
 * changed bundle breaks its code seal. Only these keys are written; every other key is kept. Pure.
 */
final class FirefoxPolicy {
    static final String APP = "/Applications/Firefox.app";
    static final String DOMAIN = "org.mozilla.firefox";
    static final String FILE = "/Library/Preferences/" + DOMAIN + ".plist";
    /** The bundle's own policies.json, read only to say that it is there. */
    static final String BUNDLE_FILE = APP + "/Contents/Resources/distribution/policies.json";
    static final String KEY = "DNSOverHTTPS";
    static final String ENABLED = "EnterprisePoliciesEnabled";

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

    /**
     * The wanted keys whose value the domain does not have yet, each as the XML plist value
     * {@code defaults write} takes; empty when it already says exactly that. {@code existing} null: no domain.
     */
    static Map<String, String> differing(Map<String, Object> existing, BrowserDoh doh, String template) {
        Map<String, String> out = new TreeMap<>();
        keys(doh, template).forEach((k, v) -> {
            if (existing == null || !v.equals(existing.get(k))) {
                out.put(k, Plist.fragment(v));
            }
        });
        return out;
    }

    static String describe(BrowserDoh doh, String template) {
        return ENABLED + " true, " + KEY + " " + wanted(doh, template);
    }
}
