package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The plain way agrees with databind on every policy it takes, and takes no invalid one. */
class TreeBinderTest {

    static List<Path> valid() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> shipped = Files.list(Fixtures.shippedPolicies())) {
            shipped.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        files.add(Fixtures.resource("policies/full.yaml"));
        files.add(Fixtures.resource("policies/targeted.yaml"));
        files.add(Path.of("..", "bench", "policy.yaml"));
        files.add(Path.of("..", "dist", "src", "cds", "cds-training.yaml"));
        return files;
    }

    static List<Fixtures.Invalid> invalid() {
        return Fixtures.invalid();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void bindsWhatDatabindBinds(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);

        Policy plain = PolicyLoader.plain(bytes);

        assertThat(plain).as("%s is written the plain way", file).isNotNull();
        assertThat(plain).isEqualTo(PolicyLoader.databind(file.toString(), bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void leavesEveryInvalidPolicyToDatabind(Fixtures.Invalid invalid) throws Exception {
        assertThat(PolicyLoader.plain(Files.readAllBytes(invalid.file()))).isNull();
    }

    /** Values databind takes in a form the plain way does not: it gives up, and databind binds them. */
    @ParameterizedTest
    @ValueSource(strings = {"ipv6: \" disable \"", "ipv6: !!str disable", "resolvers: {servers: [\"203.0.113.53\"], fallback: deny}"})
    void givesUpOrAgreesOnUnusualSpellings(String line) throws Exception {
        byte[] bytes = policy(line);

        Policy plain = PolicyLoader.plain(bytes);

        if (plain != null) {
            assertThat(plain).isEqualTo(PolicyLoader.databind("p.yaml", bytes));
        }
        assertThat(new PolicyLoader().parse("p.yaml", bytes).policy()).isEqualTo(PolicyLoader.databind("p.yaml", bytes));
    }

    @Test
    void emptySectionsAndValuesBindAsAbsent() throws Exception {
        byte[] bytes = policy("resolvers:\n  ipv6:\n  verify: {}");

        assertThat(PolicyLoader.plain(bytes)).isNotNull().isEqualTo(PolicyLoader.databind("p.yaml", bytes));
    }

    private static byte[] policy(String spec) {
        return ("apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: t}\nspec:\n  " + spec + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
