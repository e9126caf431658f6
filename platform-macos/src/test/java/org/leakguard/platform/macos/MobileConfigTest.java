package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Browsers;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Macos;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;

/** The profile read back with dd-plist, a property-list parser of its own (XML and binary, as plutil reads them). */
class MobileConfigTest {

    @Test
    void dohAndBrowserPayloadsAreGoldenAndTheSameBytesEveryTime() {
        MobileConfig m = MobileConfig.of(Specs.profileDoh()).orElseThrow();
        assertThat(m.text()).isEqualTo(Captures.golden("profile-doh.golden.mobileconfig", m.text()));
        assertThat(MobileConfig.of(Specs.profileDoh()).orElseThrow().text()).isEqualTo(m.text());
        assertThat(m.identifier()).matches("org\\.leakguard\\.dns\\.[0-9a-f]{12}");
    }

    @Test
    void itIsAPlistWithTheDnsSettingsAppleDocumentsAndEveryBrowserPayload() throws Exception {
        Map<String, Object> root = parse(MobileConfig.of(Specs.profileDoh()).orElseThrow().text());

        assertThat(root).containsEntry("PayloadType", "Configuration").containsEntry("PayloadScope", "System");
        List<Map<String, Object>> payloads = payloads(root);
        assertThat(payloads).extracting(p -> p.get("PayloadType")).containsExactly("com.apple.dnsSettings.managed",
                "com.google.Chrome", "com.microsoft.Edge", "com.brave.Browser", "org.chromium.Chromium", "org.mozilla.firefox");
        Map<?, ?> dns = (Map<?, ?>) payloads.get(0).get("DNSSettings");
        assertThat(dns.get("DNSProtocol")).isEqualTo("HTTPS");
        assertThat(dns.get("ServerURL")).isEqualTo("https://dns.corp.example/dns-query");
        assertThat(List.of((Object[]) dns.get("ServerAddresses"))).containsExactly("203.0.113.53", "2001:db8::53");
        assertThat(payloads.get(1)).containsEntry("DnsOverHttpsMode", "off");
        assertThat(payloads.get(5)).containsEntry("EnterprisePoliciesEnabled", true)
                .containsEntry("DNSOverHTTPS", Map.of("Enabled", false, "Locked", true));
        List<Object> uuids = new ArrayList<>();
        uuids.add(root.get("PayloadUUID"));
        payloads.forEach(p -> uuids.add(p.get("PayloadUUID")));
        assertThat(uuids).doesNotHaveDuplicates().allMatch(u -> u.toString()
                .matches("[0-9A-F]{8}-[0-9A-F]{4}-3[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}"));
        assertThat(payloads).allSatisfy(p -> assertThat(p).containsKeys("PayloadIdentifier", "PayloadVersion", "PayloadDisplayName"));
    }

    @Test
    void privateRelayOffIsARestrictionPayload() throws Exception {
        Spec spec = new Spec(null, null, null, null, null, null, null, null, null, null, null, new Macos(Toggle.DISABLE));

        List<Map<String, Object>> payloads = payloads(parse(MobileConfig.of(spec).orElseThrow().text()));

        assertThat(payloads).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("PayloadType", "com.apple.applicationaccess").containsEntry("allowCloudPrivateRelay", false));
        assertThat(MobileConfig.of(new Spec(null, null, null, null, null, null, null, null, null, null, null,
                new Macos(Toggle.KEEP)))).isEmpty();
    }

    @Test
    void dotUsesTlsAndServerNameAndBrowsersPointedAtTheResolverKeepTheTemplate() throws Exception {
        Spec dot = Specs.encrypted(Encryption.DOT, "203.0.113.53");
        @SuppressWarnings("unchecked")
        Map<String, Object> dns = (Map<String, Object>) payloads(parse(MobileConfig.of(dot).orElseThrow().text())).get(0)
                .get("DNSSettings");
        assertThat(dns).containsEntry("DNSProtocol", "TLS").containsEntry("ServerName", "dns.corp.example")
                .doesNotContainKey("ServerURL");

        List<Map<String, Object>> browsers = payloads(parse(MobileConfig.of(Specs.browsers(BrowserDoh.RESOLVER, true))
                .orElseThrow().text()));
        assertThat(browsers.get(0)).containsEntry("DnsOverHttpsMode", "secure").containsEntry("DnsOverHttpsTemplates", Specs.TEMPLATE);
        assertThat(browsers.get(browsers.size() - 1).get("DNSOverHTTPS")).isEqualTo(Map.of("Enabled", true,
                "ProviderURL", "https://dns.corp.example/dns-query", "Locked", true, "Fallback", false));
    }

    @Test
    void routedDomainsAreLeftOutOfTheEncryptedSettingsSoTheirResolverFilesAnswerThem() throws Exception {
        Spec dot = PfExceptionsTest.spec(List.of(), Encryption.DOT);
        Map<String, Object> payload = payloads(parse(MobileConfig.of(dot).orElseThrow().text())).get(0);

        assertThat(payload).containsEntry("PayloadType", "com.apple.dnsSettings.managed").doesNotContainKey("SupplementalMatchDomains");
        Object[] rules = (Object[]) payload.get("OnDemandRules");
        assertThat(rules).hasSize(1);
        Map<?, ?> rule = (Map<?, ?>) rules[0];
        assertThat(rule.get("Action")).isEqualTo("EvaluateConnection");
        Object[] parameters = (Object[]) rule.get("ActionParameters");
        assertThat(parameters).hasSize(1);
        Map<?, ?> never = (Map<?, ?>) parameters[0];
        assertThat(never.get("DomainAction")).isEqualTo("NeverConnect");
        assertThat((Object[]) never.get("Domains")).containsExactly("corp.example", "corp.internal");
        assertThat(MobileConfig.of(dot).orElseThrow().identifier())
                .isNotEqualTo(MobileConfig.of(Specs.encrypted(Encryption.DOT, "203.0.113.53")).orElseThrow().identifier());
        assertThat(payloads(parse(MobileConfig.of(Specs.encrypted(Encryption.DOT, "203.0.113.53")).orElseThrow().text())).get(0))
                .doesNotContainKey("OnDemandRules");
    }

    @Test
    void anotherPolicyGivesAnotherIdentifierAndNothingToCarryGivesNoProfile() {
        String a = MobileConfig.of(Specs.encrypted(Encryption.DOH, "203.0.113.53")).orElseThrow().identifier();
        String b = MobileConfig.of(Specs.encrypted(Encryption.DOH, "203.0.113.54")).orElseThrow().identifier();
        assertThat(a).isNotEqualTo(b);
        assertThat(MobileConfig.of(Specs.pin("203.0.113.53"))).isEmpty();
        assertThat(MobileConfig.of(Specs.browsers(BrowserDoh.UNMANAGED, true))).isEmpty();
        assertThat(MobileConfig.of(new Spec(null, null, null, null, new Browsers(BrowserDoh.OFF), null))).isPresent();
    }

    /** dd-plist's parser; its values as Java objects (Map, Object[], String, Boolean, Integer/Long). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String plist) throws Exception {
        NSDictionary root = (NSDictionary) PropertyListParser.parse(plist.getBytes(StandardCharsets.UTF_8));
        return (Map<String, Object>) root.toJavaObject();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> payloads(Map<String, Object> root) {
        return List.of((Object[]) root.get("PayloadContent")).stream().map(p -> (Map<String, Object>) p).toList();
    }
}
