package org.leakguard.platform.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.spi.Finding;

/**
 * Firefox's {@code policies.DNSOverHTTPS}, merged into the policies.json Firefox reads. On Linux
 * Firefox reads {@value #SYSTEM} when it exists and only otherwise its install's
 * distribution/policies.json, never both; Debian's firefox-esr ships no policies.json of its own
 * and reads /etc/firefox too (its /etc/firefox-esr holds only prefs).
 */
final class FirefoxPolicies {
    static final String SYSTEM = "/etc/firefox/policies/policies.json";
    static final String KEY = "DNSOverHTTPS";
    static final List<String> INSTALLS = List.of("/usr/lib/firefox-esr", "/usr/lib/firefox", "/usr/lib64/firefox",
            "/opt/firefox");
    static final List<String> EVIDENCE = List.of("/usr/lib/firefox-esr/firefox-esr", "/usr/lib/firefox/firefox",
            "/usr/lib64/firefox/firefox", "/opt/firefox/firefox", "/snap/bin/firefox", "/etc/firefox");

    private FirefoxPolicies() {}

    static String distribution(String install) {
        return install + "/distribution/policies.json";
    }

    /** Locked, so a user cannot switch it back in the settings; Fallback false: no quiet plain DNS. */
    static ObjectNode wanted(BrowserDoh doh, String template) {
        ObjectNode want = BrowserJson.newObject();
        if (doh == BrowserDoh.RESOLVER) {
            want.put("Enabled", true).put("ProviderURL", providerUrl(template)).put("Locked", true).put("Fallback", false);
        } else {
            want.put("Enabled", false).put("Locked", true);
        }
        return want;
    }

    /** Firefox takes a plain URL and adds {@code ?dns=} itself: RFC 6570 expressions are dropped. */
    static String providerUrl(String template) {
        return template.replaceAll("\\{[^}]*}", "");
    }

    /** Adds the write (or the finding that none is needed or possible) to the plan. */
    static void plan(FirefoxState seen, ObjectNode want, BrowserPlan plan) {
        Map.Entry<String, String> base = base(seen);
        try {
            Optional<String> merged = merged(base.getValue(), want, seen.system() != null);
            if (merged.isEmpty()) {
                plan.note(Finding.info("Firefox: " + SYSTEM + " sets " + KEY + " " + want));
            } else {
                plan.change(WriteFile.text(SYSTEM, merged.get(), seen.system() == null ? Integer.valueOf(0644) : null,
                        "Firefox policy " + KEY + " " + want + "; every other policy is kept"));
                plan.note(Finding.info("Firefox reads " + SYSTEM + " when it starts: running Firefox windows"
                        + " follow the new " + KEY + " after a restart"));
            }
        } catch (BrowserJson.Invalid e) {
            plan.block(Finding.error("Firefox: " + base.getKey() + " " + e.getMessage() + "; leakguard does not"
                    + " rewrite it: fix it so Firefox can read it, then apply again"));
            return;
        }
        notes(seen, plan);
    }

    /**
     * What to merge into: the system file; else the install's own policies.json, whose policies
     * would otherwise stop applying once the system file exists; else an empty object.
     */
    static Map.Entry<String, String> base(FirefoxState seen) {
        if (seen.system() != null || seen.distributions().isEmpty()) {
            return Map.entry(SYSTEM, seen.system() == null ? "{}" : seen.system());
        }
        return seen.distributions().entrySet().iterator().next();
    }

    /**
     * The merged text, or empty when {@code existing} (the text is {@value #SYSTEM}'s) and it
     * already holds every wanted value. Parsed values are compared, so reformatting changes nothing.
     * Off replaces the whole {@value #KEY} object rather than merging into it: Firefox turns
     * {@code Fallback: false} into DoH-only mode (network.trr.mode 3) even when Enabled is false,
     * and once DoH is off no other key in it has any use.
     */
    static Optional<String> merged(String text, ObjectNode want, boolean existing) throws BrowserJson.Invalid {
        ObjectNode root = BrowserJson.parseObject(text);
        ObjectNode policies = child(root, "policies", "\"policies\"");
        ObjectNode doh = child(policies, KEY, "\"policies\"." + KEY);
        boolean replace = !want.path("Enabled").asBoolean();
        boolean same = !replace || doh.size() == want.size();
        for (var e : want.properties()) {
            same &= e.getValue().equals(doh.get(e.getKey()));
        }
        if (same && existing) {
            return Optional.empty();
        }
        if (replace) {
            doh.removeAll();
        }
        doh.setAll(want);
        return Optional.of(BrowserJson.render(root));
    }

    private static ObjectNode child(ObjectNode parent, String key, String shown) throws BrowserJson.Invalid {
        JsonNode node = parent.get(key);
        if (node == null) {
            return parent.putObject(key);
        }
        if (!node.isObject()) {
            throw new BrowserJson.Invalid("has " + shown + " that is not an object");
        }
        return (ObjectNode) node;
    }

    private static void notes(FirefoxState seen, BrowserPlan plan) {
        String base = base(seen).getKey();
        for (String d : seen.distributions().keySet()) {
            if (d.equals(base)) {
                plan.note(Finding.info("Firefox: " + SYSTEM + " starts as a copy of " + d
                        + ", which Firefox stops reading once it exists"));
            } else if (seen.system() == null) {
                plan.note(Finding.warning("Firefox: " + d + " stops being read once " + SYSTEM
                        + " exists; merge its policies into " + SYSTEM));
            } else {
                plan.note(Finding.info("Firefox: " + d + " is not read while " + SYSTEM + " exists"));
            }
        }
    }
}
