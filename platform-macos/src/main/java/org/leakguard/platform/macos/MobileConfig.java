package org.leakguard.platform.macos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;

/**
 * The configuration profile for what macOS lets no agent enforce: encrypted DNS
 * ({@code com.apple.dnsSettings.managed}, macOS 11+), mandatory Chromium-family DoH policies
 * (a profile payload per browser domain; {@code defaults write} would only be recommended),
 * Firefox's policy in its {@code org.mozilla.firefox} domain, and the restriction that turns
 * iCloud Private Relay off ({@code com.apple.applicationaccess}, macOS 12+, no supervision needed).
 * Unsigned. Its identifier carries a digest of the settings, so {@code profiles list} tells an
 * installed profile of this policy from an older one; UUIDs are name-based on the same digest, so
 * exporting twice gives the same bytes.
 *
 * @param identifier {@code org.leakguard.dns.<12 hex digits>}
 */
record MobileConfig(String identifier, String text) {
    static final String PREFIX = "org.leakguard.dns.";
    static final String FILE_NAME = "leakguard-dns.mobileconfig";
    static final String RESTRICTIONS = "com.apple.applicationaccess";
    static final String PRIVATE_RELAY = "allowCloudPrivateRelay";

    /** The profile the policy asks for, or empty when it asks for nothing a profile carries. */
    static Optional<MobileConfig> of(Spec spec) {
        List<Map<String, Object>> payloads = new ArrayList<>();
        dns(spec.resolvers()).ifPresent(payloads::add);
        payloads.addAll(browsers(spec));
        restrictions(spec).ifPresent(payloads::add);
        if (payloads.isEmpty()) {
            return Optional.empty();
        }
        String digest = Tools.digest(Plist.document(Map.of("PayloadContent", payloads)), 6);
        String identifier = PREFIX + digest;
        List<Map<String, Object>> content = new ArrayList<>();
        for (Map<String, Object> p : payloads) {
            Map<String, Object> full = new LinkedHashMap<>(p);
            String id = identifier + "." + p.get("PayloadType");
            full.put("PayloadIdentifier", id);
            full.put("PayloadUUID", uuid(id));
            full.put("PayloadVersion", 1);
            content.add(full);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("PayloadContent", content);
        root.put("PayloadDescription", "DNS settings of a leakguard policy (" + digest + "): encrypted DNS, browser"
                + " DNS-over-HTTPS policies and restrictions that macOS lets only a profile make mandatory.");
        root.put("PayloadDisplayName", "leakguard DNS");
        root.put("PayloadIdentifier", identifier);
        root.put("PayloadOrganization", "leakguard");
        root.put("PayloadRemovalDisallowed", false);
        root.put("PayloadScope", "System");
        root.put("PayloadType", "Configuration");
        root.put("PayloadUUID", uuid(identifier));
        root.put("PayloadVersion", 1);
        return Optional.of(new MobileConfig(identifier, Plist.document(root)));
    }

    /** DoH: the URL without RFC 6570 expressions (Apple takes a plain URL); DoT: the server's TLS name. */
    private static Optional<Map<String, Object>> dns(Resolvers r) {
        if (r == null || r.encryption() == Encryption.NONE) {
            return Optional.empty();
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        if (r.encryption() == Encryption.DOH) {
            settings.put("DNSProtocol", "HTTPS");
            settings.put("ServerURL", r.dohTemplate().replaceAll("\\{[^}]*}", ""));
        } else {
            settings.put("DNSProtocol", "TLS");
            settings.put("ServerName", r.tlsName());
        }
        if (!r.servers().isEmpty()) {
            settings.put("ServerAddresses", Ips.texts(r.servers()));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("DNSSettings", settings);
        routesExcluded(r).ifPresent(rules -> payload.put("OnDemandRules", rules));
        payload.put("PayloadDisplayName", "Encrypted DNS (" + (r.encryption() == Encryption.DOH ? "HTTPS" : "TLS") + ")");
        payload.put("PayloadType", "com.apple.dnsSettings.managed");
        return Optional.of(payload);
    }

    /**
     * Routed names are asked in plain DNS through their /etc/resolver files; without a rule the
     * encrypted settings, which match every name, would send them to the pinned servers instead. An
     * EvaluateConnection rule with NeverConnect for the routed domains keeps the settings on for every
     * other name and leaves these to the system's resolvers (Apple: NEDNSSettingsManager.onDemandRules).
     * Encrypted DNS to a route's own servers would be the payload's SupplementalMatchDomains, one payload
     * per route; routes are plain DNS, so the profile carries none.
     */
    private static Optional<List<Map<String, Object>>> routesExcluded(Resolvers r) {
        List<String> domains = r.routes().stream().flatMap(route -> route.domains().stream()).toList();
        if (domains.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> never = new LinkedHashMap<>();
        never.put("DomainAction", "NeverConnect");
        never.put("Domains", domains);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("Action", "EvaluateConnection");
        rule.put("ActionParameters", List.of(never));
        return Optional.of(List.of(rule));
    }

    private static List<Map<String, Object>> browsers(Spec spec) {
        if (spec.browsers() == null || spec.browsers().doh() == BrowserDoh.UNMANAGED) {
            return List.of();
        }
        String template = spec.resolvers() == null ? null : spec.resolvers().dohTemplate();
        Map<String, Object> policy = new LinkedHashMap<>();
        if (spec.browsers().doh() == BrowserDoh.RESOLVER) {
            if (template == null) {
                return List.of();
            }
            policy.put("DnsOverHttpsMode", "secure");
            policy.put("DnsOverHttpsTemplates", template);
        } else {
            policy.put("DnsOverHttpsMode", "off");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (MacBrowser b : MacBrowser.values()) {
            Map<String, Object> payload = new LinkedHashMap<>(policy);
            payload.put("PayloadDisplayName", b.label() + " DNS-over-HTTPS");
            payload.put("PayloadType", b.domain());
            out.add(payload);
        }
        Map<String, Object> firefox = new LinkedHashMap<>(FirefoxPolicy.keys(spec.browsers().doh(), template));
        firefox.put("PayloadDisplayName", "Firefox DNS-over-HTTPS");
        firefox.put("PayloadType", FirefoxPolicy.DOMAIN);
        out.add(firefox);
        return out;
    }

    /** {@code macos.privateRelay: disable}: Private Relay sends Safari's lookups around every resolver setting. */
    private static Optional<Map<String, Object>> restrictions(Spec spec) {
        if (spec.macos() == null || spec.macos().privateRelay() != Toggle.DISABLE) {
            return Optional.empty();
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(PRIVATE_RELAY, false);
        payload.put("PayloadDisplayName", "Restrictions: iCloud Private Relay off");
        payload.put("PayloadType", RESTRICTIONS);
        return Optional.of(payload);
    }

    /** A name-based (version 3) UUID: the same name, the same UUID, on every export. */
    static String uuid(String name) {
        return UUID.nameUUIDFromBytes(("leakguard:" + name).getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(Locale.ROOT);
    }
}
