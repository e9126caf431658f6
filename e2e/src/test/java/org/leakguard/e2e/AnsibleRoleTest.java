package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Ansible role as Debian 12's ansible-lint sees it, and rollout.yml's example as the build leaves it. */
class AnsibleRoleTest {
    static final Path ANSIBLE = DeployScriptsTest.ROOT.resolve("deploy/ansible");

    @TempDir
    Path home;

    @Test
    void ansibleLintPassesTheProductionProfileSchemaMetaIncluded() {
        Dist.requireTools("ansible-lint");
        // A HOME of its own: ansible-lint caches and writes there, and must not reach the network.
        Run run = Proc.run(java.util.List.of("ansible-lint", "--offline", "--nocolor", "-p", "--profile", "production",
                ANSIBLE.resolve("roles/leakguard").toString(), ANSIBLE.resolve("rollout.yml").toString()),
                java.util.Map.of("HOME", home.toString(), "ANSIBLE_LOCAL_TEMP", home.resolve("tmp").toString()));
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.stdout() + run.stderr()).doesNotContain("schema[meta]");
    }

    @Test
    void rolloutNamesThePackageFileTheBuildProduces() throws IOException {
        Matcher named = Pattern.compile("leakguard_deb=dist/target/(\\S+\\.deb)").matcher(Files.readString(ANSIBLE.resolve("rollout.yml")));
        assertThat(named.find()).isTrue();
        assertThat(named.group(1)).isEqualTo(Dist.deb().getFileName().toString());
        assertThat(Files.readString(DeployScriptsTest.ROOT.resolve("README.md"))).contains("dist/target/" + named.group(1));
    }
}
