package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values written to hurt: refused with the key path, whatever they would have named downstream. */
class HostileValuesTest {
    private final PolicyLoader loader = new PolicyLoader();

    private PolicyException error(String spec) {
        String yaml = "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: t}\nspec:\n" + spec;
        return catchThrowableOfType(PolicyException.class, () -> loader.parse("p.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"255.255.255.255", "0.0.0.0", "'::'", "224.0.0.251", "'ff02::fb'"})
    void addressesThatNameNoSingleHostAreRefusedEverywhere(String address) {
        assertThat(error("  resolvers: {servers: [" + address + "]}\n")).isNotNull()
                .satisfies(e -> assertThat(e.keyPath()).isEqualTo("spec.resolvers.servers[0]"));
        assertThat(error("  verify: {forbidden: [" + address + "]}\n")).isNotNull()
                .satisfies(e -> assertThat(e.keyPath()).isEqualTo("spec.verify.forbidden[0]"));
        assertThat(error("  firewall: {dohAddresses: [192.0.2.1, " + address + "]}\n")).isNotNull()
                .satisfies(e -> assertThat(e.keyPath()).isEqualTo("spec.firewall.dohAddresses[1]"));
    }

    @Test
    void aLinkLocalResolverWithoutAZoneIsRefused() {
        PolicyException e = error("  resolvers: {servers: ['fe80::53']}\n");
        assertThat(e).isNotNull();
        assertThat(e.problem()).contains("link-local", "zone");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://dns.example/dns-query{?dns https://other.example/dns-query }",
        "https://dns.example/dns-query{?dns}\\thttps://other.example/",
        "https://dns.example/dns-query{?name}",
        "https://dns.example/dns-query{?dns}{&x}",
        "https://dns.example/dns-query\\u00a0https://other.example/",
        "http://dns.example/dns-query{?dns}",
        "https:///dns-query{?dns}",
        "https://dns.example/dns-query{?dns"})
    void dohTemplatesAreRfc8484TemplatesWithOneUrl(String template) {
        PolicyException e = error("  resolvers: {servers: [203.0.113.53], dohTemplate: \"" + template + "\"}\n");
        assertThat(e).as(template).isNotNull();
        assertThat(e.keyPath()).isEqualTo("spec.resolvers.dohTemplate");
    }

    @Test
    void aNulByteFirstIsNamedWithItsPlaceAndWhatToCheck() {
        byte[] yaml = "\u0000apiVersion: leakguard/v1\n".getBytes(StandardCharsets.UTF_8);
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> loader.parse("p.yaml", yaml));

        assertThat(e.getMessage()).startsWith("p.yaml:1:1: ").contains("U+0000", "UTF-8");
    }

    @Test
    void aHugeValueIsEchoedCutWithItsLength() {
        String huge = "a".repeat(300_000);
        PolicyException names = error("  resolvers: {servers: [203.0.113.53], searchDomains: [" + huge + "]}\n");
        PolicyException addresses = error("  resolvers: {servers: [\"" + "1".repeat(200_000) + "\"]}\n");

        assertThat(names.getMessage()).hasSizeLessThan(600).contains("(300000 characters)", "spec.resolvers.searchDomains[0]");
        assertThat(addresses.getMessage()).hasSizeLessThan(600).contains("(200000 characters)", "spec.resolvers.servers[0]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://dns.example/dns-query{?dns}", "https://dns.example/dns-query", "https://dns.example:8443/q{?dns}"})
    void wellFormedTemplatesPass(String template) {
        assertThat(error("  resolvers: {servers: [203.0.113.53], dohTemplate: \"" + template + "\"}\n")).isNull();
    }
}
