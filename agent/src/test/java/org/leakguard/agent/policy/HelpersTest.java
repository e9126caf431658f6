package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpersTest {
    @Test
    void durationsParseInPolicyNotation() {
        assertThat(DurationDeserializer.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationDeserializer.parse("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(DurationDeserializer.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationDeserializer.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationDeserializer.parse("PT1S")).isNull();
        assertThat(DurationDeserializer.parse("-1s")).isNull();
        assertThat(DurationDeserializer.parse("1 s")).isNull();
        assertThat(DurationDeserializer.parse("1S")).isNull();
    }

    @Test
    void durationsFormatInTheLargestExactUnit() {
        assertThat(DurationSerializer.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationSerializer.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationSerializer.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(DurationSerializer.format(Duration.ofHours(3))).isEqualTo("3h");
        assertThat(DurationSerializer.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void spellingSuggestsOnlyCloseKeys() {
        List<String> known = List.of("servers", "searchDomains", "tlsName", "dohTemplate");

        assertThat(Spelling.closest("server", known)).isEqualTo("servers");
        assertThat(Spelling.closest("searchdomains", known)).isEqualTo("searchDomains");
        assertThat(Spelling.closest("dohTemplates", known)).isEqualTo("dohTemplate");
        assertThat(Spelling.closest("firewall", known)).isNull();
        assertThat(Spelling.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void quotedValuesCannotBreakTheMessage() {
        assertThat(Checks.quote("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\u000ad\"");
    }

    @Test
    void keyPathsJoinAndClimb() {
        assertThat(KeyPath.join("", "apiVersion")).isEqualTo("apiVersion");
        assertThat(KeyPath.join("spec", "verify.forbidden[0]")).isEqualTo("spec.verify.forbidden[0]");
        assertThat(KeyPath.parent("spec.resolvers.servers[1]")).isEqualTo("spec.resolvers.servers");
        assertThat(KeyPath.parent("spec.resolvers")).isEqualTo("spec");
        assertThat(KeyPath.parent("spec")).isEmpty();
        assertThat(KeyPath.join("spec", "servers")).isEqualTo("spec.servers");
    }
}
