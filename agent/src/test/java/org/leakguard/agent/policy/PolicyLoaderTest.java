package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid policies load into the records with every value as written and defaults where absent. */
class PolicyLoaderTest {
    private static final String MINIMAL = "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: minimal}\n";

    private final PolicyLoader loader = new PolicyLoader();

    @Test
    void fullExampleLoadsEveryValue() throws Exception {
        Policy p = loader.load(Fixtures.resource("policies/full.yaml")).policy();
        Spec s = p.spec();

        assertThat(p.metadata()).isEqualTo(new Metadata("corp-vpn-baseline", "Corporate resolvers over the VPN"));
        assertThat(s.resolvers()).isEqualTo(new Resolvers(ips("203.0.113.53", "2001:db8::53"),
                List.of("corp.example"), Fallback.DENY, true, Encryption.DOT, "dns.corp.example",
                "https://dns.corp.example/dns-query"));
        assertThat(s.smartNameResolution()).isEqualTo(Toggle.DISABLE);
        assertThat(s.ipv6()).isEqualTo(Toggle.DISABLE);
        assertThat(s.firewall()).isEqualTo(new Firewall(PortRule.BLOCK_OTHERS, PortRule.BLOCK_OTHERS,
                DohRule.BLOCK, ips("198.51.100.10")));
        assertThat(s.browsers().doh()).isEqualTo(BrowserDoh.RESOLVER);
        assertThat(s.verify()).isEqualTo(new Verify(true, ips("198.51.100.53"),
                new Canary("leaktest.corp.example", "http://192.0.2.10:8080/v1/observations/{id}", ips("203.0.113.53")),
                Duration.ofMillis(500), OnFailure.KEEP, true));
        assertThat(s.windows()).isEqualTo(new Windows(0xFFL, true, DohPolicy.ALLOW));
    }

    @Test
    void macosSectionTurnsPrivateRelayOff() throws PolicyException {
        assertThat(parse(MINIMAL + "spec: {macos: {privateRelay: disable}}\n").spec().macos()).isEqualTo(new Macos(Toggle.DISABLE));
        assertThat(parse(MINIMAL + "spec: {ipv6: keep}\n").spec().macos()).isNull();
    }

    @Test
    void windowsSectionTakesHexAndDefaults() throws PolicyException {
        assertThat(parse(MINIMAL + "spec: {windows: {disabledComponents: 0x20}}\n").spec().windows())
                .isEqualTo(new Windows(0x20L, false, DohPolicy.UNMANAGED));
        assertThat(parse(MINIMAL + "spec: {windows: {}}\n").spec().windows()).isEqualTo(Windows.DEFAULT);
        assertThat(Windows.DEFAULT.disabledComponents()).isEqualTo(0xFF);
    }

    @Test
    void absentSectionsStayAbsent() throws PolicyException {
        Policy p = parse(MINIMAL);

        assertThat(p.spec()).isSameAs(Spec.EMPTY);
        assertThat(parse(MINIMAL + "spec:\n  resolvers:\n").spec().resolvers()).isNull();
    }

    @Test
    void emptySectionsTakeTheirDefaults() throws PolicyException {
        Spec s = parse(MINIMAL + "spec: {resolvers: {}, firewall: {}, browsers: {}, verify: {}}\n").spec();

        assertThat(s.resolvers()).isEqualTo(new Resolvers(List.of(), List.of(), Fallback.DENY, true,
                Encryption.NONE, null, null));
        assertThat(s.resolvers().protect()).isTrue();
        assertThat(s.firewall()).isEqualTo(new Firewall(PortRule.OFF, PortRule.OFF, DohRule.OFF, List.of()));
        assertThat(s.firewall().any()).isFalse();
        assertThat(s.browsers().doh()).isEqualTo(BrowserDoh.UNMANAGED);
        assertThat(s.verify()).isEqualTo(Verify.defaults());
        assertThat(s.verify().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.verify().onFailure()).isEqualTo(OnFailure.ROLLBACK);
        assertThat(s.verify().probes()).isTrue();
        assertThat(s.verify().probePublicDoh()).isFalse();
        assertThat(s.smartNameResolution()).isNull();
    }

    @Test
    void dumpedPolicyLoadsBackEqual() throws Exception {
        Policy original = loader.load(Fixtures.resource("policies/full.yaml")).policy();
        YAMLMapper plain = YAMLMapper.builder()
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();

        String dumped = plain.writeValueAsString(original);

        assertThat(dumped).contains("timeout: \"500ms\"").contains("plainDns: \"block-others\"")
                .doesNotContain("protect:").doesNotContain("any:");
        assertThat(parse(dumped)).isEqualTo(original);
        assertThat(parse(plain.writeValueAsString(parse(MINIMAL + "spec: {verify: {}}\n"))).spec().verify())
                .isEqualTo(Verify.defaults());
    }

    @Test
    void bareOffIsTheWordOffNotFalse() throws PolicyException {
        Spec s = parse(MINIMAL + "spec:\n  firewall: {plainDns: off}\n  browsers: {doh: off}\n").spec();

        assertThat(s.firewall().plainDns()).isEqualTo(PortRule.OFF);
        assertThat(s.browsers().doh()).isEqualTo(BrowserDoh.OFF);
    }

    @Test
    void windowsLineEndingsAndByteOrderMarkAreRead() {
        String crlf = "\uFEFF" + MINIMAL.replace("\n", "\r\n") + "spec:\r\n  ipv6: nope\r\n";

        PolicyException e = catchThrowableOfType(PolicyException.class, () -> parse(crlf));

        assertThat(e.getMessage()).isEqualTo("p.yaml:5:9: spec.ipv6: \"nope\" is not one of disable, keep");
    }

    @Test
    void sha256IsOfTheFileBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("minimal.yaml");
        Files.writeString(file, MINIMAL);

        LoadedPolicy loaded = loader.load(file);

        assertThat(loaded.file()).isEqualTo(file.toString());
        assertThat(loaded.sha256()).isEqualTo("c1ad85e11c9d0ea1842037de9257c218807b590be9256ace3e3c738b91cfb1e2");
        assertThat(loader.parse("x", (MINIMAL + "\n").getBytes(StandardCharsets.UTF_8)).sha256())
                .isNotEqualTo(loaded.sha256());
    }

    @Test
    void missingFileCannotBeRead(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        PolicyException e = catchThrowableOfType(PolicyException.class, () -> loader.load(missing));

        assertThat(e.getMessage()).isEqualTo(missing + ": cannot read: no such file");
        assertThat(e.line()).isZero();
        assertThat(e.keyPath()).isEmpty();
    }

    @Test
    void directoryCannotBeRead(@TempDir Path dir) {
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> loader.load(dir));

        assertThat(e.getMessage()).startsWith(dir + ": cannot read: ");
    }

    @Test
    void addressesKeepTheirTextAndNeverResolve() throws Exception {
        InetAddress a = parse(MINIMAL + "spec: {resolvers: {servers: [\"2001:DB8::53\"]}}\n")
                .spec().resolvers().servers().get(0);

        assertThat(a).isEqualTo(InetAddress.getByAddress(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53}));
        assertThat(Checks.shown(a)).isEqualTo("2001:DB8::53");
        // The literal is the host name, so getHostName() does no reverse lookup.
        assertThat(a.getHostName()).isEqualTo("2001:DB8::53");
    }

    private Policy parse(String yaml) throws PolicyException {
        return loader.parse("p.yaml", yaml.getBytes(StandardCharsets.UTF_8)).policy();
    }

    private static List<InetAddress> ips(String... literals) throws Exception {
        InetAddress[] out = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            out[i] = org.xbill.DNS.Address.getByAddress(literals[i]);
        }
        return List.of(out);
    }
}
