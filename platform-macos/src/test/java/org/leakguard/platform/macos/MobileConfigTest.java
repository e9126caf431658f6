package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Spec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class MobileConfigTest {

    @Test
    void dohAndBrowserPayloadsAreGoldenAndTheSameBytesEveryTime() {
        MobileConfig m = MobileConfig.of(Specs.profileDoh()).orElseThrow();
        assertThat(m.text()).isEqualTo(Captures.golden("profile-doh.golden.mobileconfig", m.text()));
        assertThat(MobileConfig.of(Specs.profileDoh()).orElseThrow().text()).isEqualTo(m.text());
        assertThat(m.identifier()).matches("org\\.leakguard\\.dns\\.[0-9a-f]{12}");
    }

    @Test
    void itIsAWellFormedPlistWithTheDnsSettingsAppleDocuments() throws Exception {
        Element root = parse(MobileConfig.of(Specs.profileDoh()).orElseThrow().text());

        assertThat(value(root, "PayloadType")).isEqualTo("Configuration");
        List<Element> payloads = children(child(root, "PayloadContent"));
        assertThat(payloads).extracting(p -> value(p, "PayloadType")).containsExactly("com.apple.dnsSettings.managed",
                "com.google.Chrome", "com.microsoft.Edge", "com.brave.Browser", "org.chromium.Chromium");
        Element dns = child(payloads.get(0), "DNSSettings");
        assertThat(value(dns, "DNSProtocol")).isEqualTo("HTTPS");
        assertThat(value(dns, "ServerURL")).isEqualTo("https://dns.corp.example/dns-query");
        assertThat(children(child(dns, "ServerAddresses"))).extracting(Node::getTextContent)
                .containsExactly("203.0.113.53", "2001:db8::53");
        assertThat(value(payloads.get(1), "DnsOverHttpsMode")).isEqualTo("off");
        List<String> uuids = new ArrayList<>();
        uuids.add(value(root, "PayloadUUID"));
        payloads.forEach(p -> uuids.add(value(p, "PayloadUUID")));
        assertThat(uuids).doesNotHaveDuplicates().allMatch(u -> u.matches("[0-9A-F]{8}-[0-9A-F]{4}-3[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}"));
    }

    @Test
    void dotUsesTlsAndServerNameAndBrowsersPointedAtTheResolverKeepTheTemplate() throws Exception {
        Spec dot = Specs.encrypted(Encryption.DOT, "203.0.113.53");
        Element dns = child(children(child(parse(MobileConfig.of(dot).orElseThrow().text()), "PayloadContent")).get(0), "DNSSettings");
        assertThat(value(dns, "DNSProtocol")).isEqualTo("TLS");
        assertThat(value(dns, "ServerName")).isEqualTo("dns.corp.example");
        assertThat(child(dns, "ServerURL")).isNull();

        Element chrome = children(child(parse(MobileConfig.of(Specs.browsers(BrowserDoh.RESOLVER, true)).orElseThrow().text()),
                "PayloadContent")).get(0);
        assertThat(value(chrome, "DnsOverHttpsMode")).isEqualTo("secure");
        assertThat(value(chrome, "DnsOverHttpsTemplates")).isEqualTo(Specs.TEMPLATE);
    }

    @Test
    void anotherPolicyGivesAnotherIdentifierAndNothingToCarryGivesNoProfile() {
        String a = MobileConfig.of(Specs.encrypted(Encryption.DOH, "203.0.113.53")).orElseThrow().identifier();
        String b = MobileConfig.of(Specs.encrypted(Encryption.DOH, "203.0.113.54")).orElseThrow().identifier();
        assertThat(a).isNotEqualTo(b);
        assertThat(MobileConfig.of(Specs.pin("203.0.113.53"))).isEmpty();
        assertThat(MobileConfig.of(Specs.browsers(BrowserDoh.UNMANAGED, true))).isEmpty();
    }

    /** The JDK's parser, without fetching Apple's DTD: well-formed XML is what is checked. */
    static Element parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("plist");
        Element dict = children(d.getDocumentElement()).get(0);
        assertThat(dict.getTagName()).isEqualTo("dict");
        return dict;
    }

    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    /** The element after {@code <key>name</key>} in a dict, or null. */
    static Element child(Element dict, String name) {
        List<Element> c = children(dict);
        for (int i = 0; i + 1 < c.size(); i += 2) {
            assertThat(c.get(i).getTagName()).isEqualTo("key");
            if (c.get(i).getTextContent().equals(name)) {
                return c.get(i + 1);
            }
        }
        return null;
    }

    static String value(Element dict, String name) {
        Element e = child(dict, name);
        return e == null ? null : e.getTextContent();
    }
}
