package org.leakguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerbsTest {
    @Test
    void findsTheVerbPastOptionsThatTakeValues() {
        assertThat(Verbs.requested(new String[] {"--format", "json", "--state-dir", "/x", "check", "p.yaml"})).isEqualTo("check");
        assertThat(Verbs.requested(new String[] {"-v", "apply", "--dry-run", "p.yaml"})).isEqualTo("apply");
        assertThat(Verbs.requested(new String[] {"--format=json", "leak-test"})).isEqualTo("leak-test");
    }

    @Test
    void helpBeforeTheVerbOrAnUnknownVerbRegistersEveryVerb() {
        assertThat(Verbs.requested(new String[] {"--help", "check"})).isNull();
        assertThat(Verbs.requested(new String[] {"chek", "p.yaml"})).isNull();
        assertThat(Verbs.requested(new String[] {})).isNull();
    }

    @Test
    void onlyTheVerbsThatAlwaysReadAPolicyWarmUpTheReader() {
        assertThat(Verbs.readsPolicy("check")).isTrue();
        assertThat(Verbs.readsPolicy("validate")).isTrue();
        assertThat(Verbs.readsPolicy("status")).isFalse();
        assertThat(Verbs.readsPolicy(null)).isFalse();
    }
}
