package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The policies shipped in policies/ load, match schema.json, and say what their names promise. */
class ShippedPoliciesTest {
    private final PolicyLoader loader = new PolicyLoader();

    static List<Path> shipped() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.shippedPolicies())) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
            assertThat(yaml).extracting(p -> p.getFileName().toString())
                    .contains("server.yaml", "vpn-laptop.yaml", "vpn-strict.yaml", "workstation.yaml");
            return yaml;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void loadsAndMatchesTheSchema(Path file) throws Exception {
        LoadedPolicy loaded = loader.load(file);

        assertThat(loaded.policy().name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
        assertThat(schema().validate(file)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void usesDocumentationAddressesOnly(Path file) throws Exception {
        Spec spec = loader.load(file).policy().spec();
        Stream<InetAddress> routes = spec.resolvers().routes().stream().flatMap(r -> Stream.concat(r.servers().stream(),
                r.canary() == null ? Stream.empty() : r.canary().expect().stream()));
        Stream<InetAddress> all = Stream.concat(Stream.of(spec.resolvers().servers(), spec.verify().forbidden(),
                spec.firewall().dohAddresses(), spec.verify().canary() == null ? List.<InetAddress>of()
                        : spec.verify().canary().expect()).flatMap(List::stream), routes);

        assertThat(all).allSatisfy(a -> assertThat(Checks.shown(a))
                .matches("203\\.0\\.113\\.\\d+|198\\.51\\.100\\.\\d+|192\\.0\\.2\\.\\d+|2001:db8:.*"));
    }

    @Test
    void schemaIsValidDraft202012() throws IOException {
        assertThat(SchemaValidator.metaValidate(Fixtures.shippedPolicies().resolve("schema.json"))).isEmpty();
    }

    @Test
    void workstationTurnsBrowserDohOff() throws PolicyException {
        Spec spec = load("workstation.yaml");

        assertThat(spec.browsers().doh()).isEqualTo(BrowserDoh.OFF);
        assertThat(spec.firewall().plainDns()).isEqualTo(PortRule.BLOCK_OTHERS);
        assertThat(spec.verify().onFailure()).isEqualTo(OnFailure.ROLLBACK);
    }

    @Test
    void thePoliciesForLaptopsOnOtherNetworksTurnPrivateRelayOff() throws PolicyException {
        for (String name : List.of("workstation.yaml", "vpn-strict.yaml")) {
            assertThat(load(name).macos().privateRelay()).as(name).isEqualTo(Toggle.DISABLE);
        }
    }

    @Test
    void vpnStrictClosesEverythingAndChecksWithACanary() throws PolicyException {
        Spec spec = load("vpn-strict.yaml");

        assertThat(spec.resolvers().fallback()).isEqualTo(Fallback.DENY);
        assertThat(spec.resolvers().protect()).isTrue();
        assertThat(spec.resolvers().encryption()).isEqualTo(Encryption.DOT);
        assertThat(spec.smartNameResolution()).isEqualTo(Toggle.DISABLE);
        assertThat(spec.ipv6()).isEqualTo(Toggle.DISABLE);
        assertThat(spec.firewall()).isEqualTo(new Firewall(PortRule.BLOCK_OTHERS, PortRule.BLOCK_OTHERS,
                DohRule.BLOCK, spec.firewall().dohAddresses()));
        assertThat(spec.browsers().doh()).isEqualTo(BrowserDoh.OFF);
        assertThat(spec.verify().canary()).isNotNull();
        assertThat(spec.verify().probes()).isTrue();
        assertThat(spec.verify().probePublicDoh()).isTrue();
    }

    @Test
    void vpnLaptopSplitsCorporateNamesAndNamesItsWaysOut() throws PolicyException {
        Spec spec = load("vpn-laptop.yaml");
        Resolvers r = spec.resolvers();

        assertThat(r.routed()).isTrue();
        assertThat(r.routeFor("intranet.corp.example")).isPresent();
        assertThat(r.routeFor("www.example")).isEmpty();
        assertThat(r.allServers()).hasSize(r.servers().size() + r.routes().get(0).servers().size());
        assertThat(spec.firewall().exceptions()).extracting(Exemption::kind)
                .containsExactly(Exemption.Kind.CGROUP, Exemption.Kind.USER, Exemption.Kind.PROGRAM);
        assertThat(spec.firewall().exceptions(Exemption.Kind.CGROUP).get(0).cgroup()).contains("\\x2d");
        assertThat(spec.firewall().portal().maxWindow()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(spec.browsers().doh()).isEqualTo(BrowserDoh.OFF);
    }

    @Test
    void serverLeavesBrowsersAlone() throws PolicyException {
        Spec spec = load("server.yaml");

        assertThat(spec.browsers()).isNull();
        assertThat(spec.ipv6()).isEqualTo(Toggle.KEEP);
        assertThat(spec.firewall().any()).isTrue();
        assertThat(spec.resolvers().servers()).hasSizeGreaterThan(1);
    }

    private Spec load(String name) throws PolicyException {
        return loader.load(Fixtures.shippedPolicies().resolve(name)).policy().spec();
    }

    private static SchemaValidator schema() throws IOException {
        return new SchemaValidator(Fixtures.shippedPolicies().resolve("schema.json"));
    }
}
