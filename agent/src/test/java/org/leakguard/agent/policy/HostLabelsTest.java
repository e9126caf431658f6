package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The host's labels file: a flat mapping, read with the policy's strict YAML, mistakes placed by line. */
class HostLabelsTest {
    static final String FILE = "/etc/leakguard/labels.yaml";

    static Map<String, String> parse(String yaml) throws PolicyException {
        return HostLabels.parse(FILE, yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAFlatMappingAndAnEmptyFileAsNoLabels() throws Exception {
        assertThat(parse("# set by provisioning\nrole: web\nenv: \"prod\"\nteam/owner: net-ops\n"))
                .containsExactly(Map.entry("env", "prod"), Map.entry("role", "web"), Map.entry("team/owner", "net-ops"));
        assertThat(parse("")).isEmpty();
        assertThat(parse("# nothing yet\n")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "role: web\\nenv: [prod] | 2 | env | expected text, found a list; put it in quotes",
        "role: web\\nrole: db | 2 | role | appears twice (first at line 1)",
        "role: web\\nenv: | 2 | env | missing",
        "role: a b | 1 | role | \"a b\" is not a label value",
        "- role | 1 | '' | expected a mapping",
        "role: !!python/object:x y | 1 | role | tag !!python/object:x is not allowed"})
    void mistakesNameFileLineAndLabel(String yaml, int line, String key, String problem) {
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> parse(yaml.replace("\\n", "\n")));

        assertThat(e).as(yaml).isNotNull();
        assertThat(e.file()).isEqualTo(FILE);
        assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
        assertThat(e.keyPath()).as(e.getMessage()).isEqualTo(key);
        assertThat(e.problem()).as(e.getMessage()).containsIgnoringCase(problem);
    }
}
