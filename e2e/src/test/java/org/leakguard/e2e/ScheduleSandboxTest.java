package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code agent schedule} on a sandboxed client whose /etc is a private copy and whose /run is a
 * tmpfs. No systemd runs here, so install must refuse and change nothing; then, with a recording
 * stand-in for systemctl and a /run/systemd/system, install and remove run their real path and
 * the units they write are read by the real systemd-analyze.
 */
class ScheduleSandboxTest extends SandboxTest {
    @Test
    void withoutSystemdInstallSaysWhyAndChangesNothing() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        Map<String, byte[]> before = LinuxSandboxTest.snapshot(sandbox.etc);

        Run install = sandbox.agent("schedule", "install", writePolicy(WatchSandboxTest.POLICY).toString(), "--every", "1h", "--jitter", "5m");

        assertThat(install.exit()).as(install.toString()).isEqualTo(1);
        assertThat(install.stderr()).contains("systemd is not running on this host (no /run/systemd/system)", "nothing was changed");
        LinuxSandboxTest.assertSameFiles(LinuxSandboxTest.snapshot(sandbox.etc), before);
        assertThat(sandbox.state.resolve("schedule")).doesNotExist();
    }

    @Test
    void installAndRemoveThroughSystemctlLeaveEtcAsItWas() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        Map<String, byte[]> before = LinuxSandboxTest.snapshot(sandbox.etc);
        sandbox.onClient("mkdir", "-p", "/run/systemd/system");
        Path calls = sandbox.dir.resolve("systemctl.calls");
        Path bin = fakeSystemctl(calls);

        Run install = agentWithPath(bin, "schedule", "install", writePolicy(WatchSandboxTest.POLICY).toString(), "--every", "1h", "--jitter", "5m", "--remediate");

        assertThat(install.exit()).as(install.toString()).isZero();
        Path units = sandbox.etc.resolve("systemd/system");
        String service = Files.readString(units.resolve("leakguard-check.service"));
        assertThat(service).contains("ExecStart=\"" + Dist.launcher() + "\" \"--state-dir\" \"" + sandbox.state + "\" \"--wait\" \"600\""
                + " \"--syslog\" \"schedule\" \"run\" \"--remediate\"", "After=network-online.target", "Wants=network-online.target");
        assertThat(Files.readString(units.resolve("leakguard-check.timer"))).contains("OnUnitActiveSec=3600s", "RandomizedDelaySec=300s");
        assertThat(sandbox.etc.resolve("leakguard/scheduled.yaml")).hasContent(WatchSandboxTest.POLICY);
        assertThat(Files.readAllLines(calls)).containsExactly("daemon-reload", "enable --now leakguard-check.timer");
        verifiedBySystemd(units);

        Run status = agentWithPath(bin, "schedule", "status");
        assertThat(status.stdout()).contains("installed   systemd timer leakguard-check.timer", "every       1h + up to 5m at random, repairs drift",
                "scheduler   active; next run");

        Run remove = agentWithPath(bin, "schedule", "remove");

        assertThat(remove.exit()).as(remove.toString()).isZero();
        assertThat(Files.readAllLines(calls)).endsWith("disable --now leakguard-check.timer", "daemon-reload");
        LinuxSandboxTest.assertSameFiles(LinuxSandboxTest.snapshot(sandbox.etc), before);
        assertThat(agentWithPath(bin, "schedule", "status").stdout()).contains("no schedule installed");
    }

    /** The real systemd-analyze reads the units; the program it names exists here, so it must accept them as they are. */
    private static void verifiedBySystemd(Path units) {
        if (!Proc.onPath("systemd-analyze")) {
            System.out.println("systemd-analyze not installed: the unit files were not verified by systemd");
            return;
        }
        Run verify = Proc.run(List.of("systemd-analyze", "verify", "--man=no", units.resolve("leakguard-check.timer").toString(),
                units.resolve("leakguard-check.service").toString()));
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.stderr()).as(verify.toString()).isEmpty();
    }

    /** Records each call's arguments; `show` answers as systemd 252 does for an active timer. */
    private Path fakeSystemctl(Path calls) throws Exception {
        Path bin = sandbox.dir.resolve("bin");
        Files.createDirectories(bin);
        Path systemctl = bin.resolve("systemctl");
        Files.writeString(systemctl, "#!/bin/sh\n"
                + "if [ \"$1\" = show ]; then\n"
                + "  case $2 in\n"
                + "    *.timer) printf 'NextElapseUSecRealtime=Tue 2026-11-24 00:03:12 UTC\\nLastTriggerUSec=n/a\\nActiveState=active\\n' ;;\n"
                + "    *) printf 'Result=success\\nExecMainStatus=0\\n' ;;\n"
                + "  esac\n"
                + "  exit 0\n"
                + "fi\n"
                + "echo \"$*\" >>'" + calls + "'\n");
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private Run agentWithPath(Path bin, String... args) {
        List<String> argv = new ArrayList<>(List.of("env", "PATH=" + bin + ":" + System.getenv("PATH")));
        argv.addAll(sandbox.agentArgv(args));
        return Proc.run(argv);
    }
}
