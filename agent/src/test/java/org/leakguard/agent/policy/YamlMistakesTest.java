package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** YAML mistakes are explained in the policy's terms, with the fix, never as the parser's own words. */
class YamlMistakesTest {
    private static final String HEAD = "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata:\n  name: m\n";

    private final PolicyLoader loader = new PolicyLoader();

    private PolicyException error(String yaml) {
        PolicyException e = catchThrowableOfType(PolicyException.class,
                () -> loader.parse("p.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
        assertThat(e).as("expected a PolicyException").isNotNull();
        return e;
    }

    @Test
    void aKeyIndentedLessThanItsSiblings() {
        PolicyException e = error(HEAD + "spec:\n  resolvers:\n    servers: [203.0.113.53]\n   fallback: deny\n");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.problem()).isEqualTo("line 8 is indented to column 4, which lines it up with no key around it: the section"
                + " it is in (from line 6) has its keys at column 3; indent it with 2 spaces to make it one of them, or with exactly"
                + " as many spaces as the other keys of the section it belongs to (keys of one section line up)");
    }

    @Test
    void aKeyIndentedDeeperThanAValue() {
        PolicyException e = error(HEAD + "spec:\n  resolvers:\n    servers: [203.0.113.53]\n      fallback: deny\n");
        assertThat(e.problem()).startsWith("line 8 is indented to column 7").contains("has its keys at column 5; indent it with 4 spaces");
    }

    @Test
    void aTab() {
        PolicyException e = error(HEAD + "spec:\n\tresolvers: {servers: [203.0.113.53]}\n");
        assertThat(e.problem()).startsWith("line 6 is indented with a tab").contains("replace the tab with spaces");
    }

    @Test
    void aListItemOutOfLine() {
        PolicyException e = error(HEAD + "spec:\n  resolvers:\n    servers:\n      - 203.0.113.53\n     - 203.0.113.54\n");
        assertThat(e.problem()).startsWith("line 9 starts a list item at column 6").contains("same column as the first");
    }

    @Test
    void aMissingColon() {
        PolicyException e = error(HEAD + "spec:\n  resolvers\n    servers: [203.0.113.53]\n");
        assertThat(e.problem()).doesNotContain("<block").contains("expected a mapping");
    }

    @Test
    void aSectionAtTheTopThatBelongsUnderSpec() {
        PolicyException e = error(HEAD + "spec:\n  resolvers: {servers: [203.0.113.53]}\nfirewall:\n  plainDns: block-others\n");
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.problem()).startsWith("unknown key \"firewall\"; it is a section of the policy's spec and belongs under spec:"
                + " indent it (and what it holds) by 2 spaces, below \"spec:\"");
    }

    @Test
    void aFileThatIsNoPolicyIsNotPastedWhole() {
        StringBuilder passwd = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            passwd.append("user").append(i).append(":x:").append(1000 + i).append(":1000::/home/user").append(i).append(":/bin/bash\n");
        }
        PolicyException e = error(passwd.toString());
        assertThat(e.getMessage()).hasSizeLessThan(400).doesNotContain("user39")
                .contains("this is not a leakguard policy", "text beginning \"user0:x:1000", "(1699 characters)");
    }
}
