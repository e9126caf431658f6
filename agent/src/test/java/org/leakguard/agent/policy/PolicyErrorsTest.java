package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a policy can be wrong gives file, line, column, key path and a usable message. */
class PolicyErrorsTest {
    private final PolicyLoader loader = new PolicyLoader();

    static List<Fixtures.Invalid> invalidPolicies() {
        return Fixtures.invalid();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPolicies")
    void namesFileLineColumnKeyPathAndProblem(Fixtures.Invalid invalid) {
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> loader.load(invalid.file()));

        assertThat(e).as("%s must be refused", invalid).isNotNull();
        assertThat(e.file()).isEqualTo(invalid.file().toString());
        assertThat(e.line()).as("line").isEqualTo(invalid.line());
        assertThat(e.column()).as("column").isEqualTo(invalid.column());
        assertThat(e.keyPath()).as("key path").isEqualTo(invalid.keyPath());
        assertThat(e.problem()).as("problem").isEqualTo(invalid.problem());
        assertThat(e.getMessage()).isEqualTo(invalid.file() + ":" + invalid.line() + ":" + invalid.column()
                + ": " + invalid.keyPath() + ": " + invalid.problem());
    }

    @Test
    void messageMatchesTheIssueExample() {
        String yaml = """
                apiVersion: leakguard/v1
                kind: DnsLeakPolicy
                metadata:
                  name: corp-vpn-baseline
                spec:
                  firewall:
                    plainDns: block
                """;

        assertThat(error("policy.yaml", yaml).getMessage())
                .isEqualTo("policy.yaml:7:15: spec.firewall.plainDns: \"block\" is not one of block-others, off");
    }

    @Test
    void emptyFileIsAWholeFileProblem() {
        PolicyException e = error("empty.yaml", "# nothing here yet\n\n");

        assertThat(e.line()).isZero();
        assertThat(e.keyPath()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("empty.yaml: holds no policy (it is empty or only comments);"
                + " a policy starts with apiVersion: leakguard/v1");
    }

    @Test
    void documentThatIsNotAMappingSaysWhatIsExpected() {
        PolicyException e = error("list.yaml", "- apiVersion: leakguard/v1\n");

        assertThat(e.getMessage()).isEqualTo("list.yaml:1:1: this is not a leakguard policy: a policy is a mapping of"
                + " apiVersion, kind, metadata and spec, and this file's top level is a list; a policy starts with"
                + " \"apiVersion: leakguard/v1\"");
    }

    @Test
    void secondDocumentIsRefused() {
        String yaml = "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: a}\n---\nspec: {}\n";

        PolicyException e = error("two.yaml", yaml);

        assertThat(e.line()).isEqualTo(5);
        assertThat(e.problem()).contains("second YAML document");
    }

    @Test
    void firstErrorWinsAndNothingIsReturned() {
        String yaml = "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: a}\n"
                + "spec:\n  ipv6: maybe\n  firewall: {plainDns: block}\n";

        assertThat(error("p.yaml", yaml).keyPath()).isEqualTo("spec.ipv6");
    }

    @Test
    void unknownKeyWithoutCloseMatchListsKnownKeysOnly() {
        String yaml = "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: a, owner: ops}\n";

        assertThat(error("p.yaml", yaml).problem()).isEqualTo(
                "unknown key \"owner\"; known keys here: name, description");
    }

    @Test
    void oddKeysAreQuotedInTheKeyPath() {
        String yaml = "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: a}\n"
                + "spec:\n  \"fire.wall\\nx\": {}\n";

        PolicyException e = error("p.yaml", yaml);

        assertThat(e.keyPath()).isEqualTo("spec.\"fire.wall\\u000ax\"");
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void utf16FileIsAskedToBeSavedAsUtf8() {
        byte[] utf16 = ("\uFEFF" + "apiVersion: leakguard/v1\r\n").getBytes(StandardCharsets.UTF_16LE);

        PolicyException e = catchThrowableOfType(PolicyException.class, () -> loader.parse("notepad.yaml", utf16));

        assertThat(e.line()).isZero();
        assertThat(e.getMessage()).startsWith("notepad.yaml: is not UTF-8 text (").endsWith("); save it as UTF-8");
    }

    private PolicyException error(String file, String yaml) {
        PolicyException e = catchThrowableOfType(PolicyException.class,
                () -> loader.parse(file, yaml.getBytes(StandardCharsets.UTF_8)));
        assertThat(e).as("expected a PolicyException").isNotNull();
        return e;
    }
}
