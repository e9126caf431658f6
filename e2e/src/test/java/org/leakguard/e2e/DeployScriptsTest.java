package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shell scripts that ship: shellcheck on each, and the Jamf extension attribute run against a
 * stand-in agent for every exit code (no Mac here: without osascript it reports the status alone).
 */
class DeployScriptsTest {
    static final Path ROOT = Path.of(System.getProperty("leakguard.deploy", "../deploy")).toAbsolutePath().normalize().getParent();
    static final Path JAMF = ROOT.resolve("deploy/jamf/leakguard-compliance.sh");

    @TempDir
    Path tmp;

    @BeforeAll
    static void requireTools() {
        Dist.requireTools("shellcheck", "sh");
    }

    @Test
    void shellcheckFindsNothing() {
        List<String> scripts = List.of(JAMF.toString(), ROOT.resolve("dist/src/deb/control/postinst").toString(),
                ROOT.resolve("dist/src/deb/control/prerm").toString(), ROOT.resolve("dist/src/deb/control/postrm").toString());
        List<String> argv = new ArrayList<>(List.of("shellcheck", "--shell=sh", "--severity=style"));
        argv.addAll(scripts);
        Run run = Proc.run(argv);
        assertThat(run.exit()).as(run.toString()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"0, compliant", "3, non-compliant", "2, invalid-policy: POLICY", "1, error: agent exit 1", "5, error: agent exit 5"})
    void theJamfAttributeReportsTheAgentsVerdict(int exit, String expected) throws IOException {
        Path policy = Files.writeString(tmp.resolve("policy with space.yaml"), "kind: DnsLeakPolicy\n");
        Path argsSeen = tmp.resolve("args");
        Path agent = standInAgent(exit, argsSeen);

        Run run = jamf(agent, policy);

        assertThat(run.exit()).isZero();
        assertThat(run.stdout()).isEqualTo("<result>" + expected.replace("POLICY", policy.toString()) + "</result>\n");
        assertThat(Files.readAllLines(argsSeen)).containsExactly("--format", "json", "--wait", "60", "check", policy.toString());
    }

    @Test
    void aMissingAgentOrPolicyIsSaidSo() throws IOException {
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), "");
        assertThat(jamf(tmp.resolve("no-agent"), policy).stdout()).isEqualTo("<result>not-installed</result>\n");
        assertThat(jamf(standInAgent(0, tmp.resolve("args")), tmp.resolve("none.yaml")).stdout()).isEqualTo("<result>no-policy</result>\n");
    }

    Run jamf(Path agent, Path policy) {
        return Proc.run(List.of("sh", JAMF.toString()), Map.of("LEAKGUARD_AGENT", agent.toString(), "LEAKGUARD_POLICY", policy.toString(),
                "TMPDIR", tmp.toString()));
    }

    /** An executable that records its arguments, one a line, prints a report and exits with {@code exit}. */
    Path standInAgent(int exit, Path argsSeen) throws IOException {
        Path agent = tmp.resolve("agent");
        Files.writeString(agent, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + argsSeen + "'\necho '{\"result\": \"whatever\"}'\nexit " + exit + "\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwx------"));
        return agent;
    }
}
