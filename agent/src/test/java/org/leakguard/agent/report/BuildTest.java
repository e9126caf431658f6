package org.leakguard.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The build stamp: what the build filtered in, and unknown where it could not. */
class BuildTest {
    @Test
    void theJarUnderTestCarriesTheFilteredVersionAndACommit() {
        Build b = Build.current();
        assertThat(b.version()).doesNotContain("${").isNotEqualTo(Build.UNKNOWN);
        assertThat(b.commit()).matches("[0-9a-f]{7,}(-dirty)?|unknown");
        assertThat(b.describe()).isEqualTo(b.version() + " (commit " + b.commit() + ")");
    }

    @Test
    void unfilledOrMissingValuesAreUnknownAndADirtyTreeIsSaid() {
        assertThat(Build.of("${project.version}", "${git.commit.id.abbrev}", "${git.dirty}"))
                .isEqualTo(new Build("unknown", "unknown"));
        assertThat(Build.of("1.2.0", "1a2b3c4", "true")).isEqualTo(new Build("1.2.0", "1a2b3c4-dirty"));
        assertThat(Build.of("1.2.0", "1a2b3c4", "false").describe()).isEqualTo("1.2.0 (commit 1a2b3c4)");
        assertThat(Build.of(null, "", null)).isEqualTo(new Build("unknown", "unknown"));
    }
}
