package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;

/** The resolvers control against Debian's real resolvconf scripts: the plain file is what stops them. */
@Tag("sandbox")
class DebianResolvconfSandboxTest {
    private static final Spec PIN = Specs.resolversOnly(
            Specs.resolvers(List.of("corp.example"), true, "203.0.113.53"));

    @TempDir
    Path tmp;

    private Path root;
    private ResolvconfSandbox resolvconf;

    @BeforeEach
    void up() throws Exception {
        String[] tools = {"unshare", "mount", "apt-get", "dpkg", "run-parts"};
        assumeTrue(Sandbox.usable(tools), Sandbox.why(tools));
        assumeTrue(ResolvconfSandbox.overlaySupported(), "skipped: the kernel has no overlayfs");
        Path pkg = UnpackedDeb.require("resolvconf", null);
        root = tmp.resolve("root");
        copyTree(pkg.resolve("etc/resolvconf"), root.resolve("etc/resolvconf"));
        new RootFiles(root).dir("/run/resolvconf/interface").file("/run/resolvconf/enable-updates", "")
                .link("/etc/resolv.conf", "../run/resolvconf/resolv.conf");
        resolvconf = new ResolvconfSandbox(pkg, root, tmp.resolve("scratch"));
    }

    @Test
    void aDhcpEventAfterApplyNoLongerReachesResolvConf() throws Exception {
        Sandbox.check(resolvconf.run("nameserver 198.51.100.1\n", "-a", "eth0.dhclient"), "resolvconf -a");
        assertThat(Files.readString(root.resolve("etc/resolv.conf"))).as("before: through the link")
                .contains("nameserver 198.51.100.1");

        Host host = TestHosts.online(root, new ScriptedCommands());
        ResolversControl control = new ResolversControl();
        Assessment plan = control.plan(PIN, control.observe(PIN, host));
        assertThat(plan.changes()).extracting(Change::target).containsExactly(ResolvConf.PATH);
        BeforeImage before = plan.changes().get(0).capture(host);
        plan.changes().get(0).apply(host);
        String pinned = Files.readString(root.resolve("etc/resolv.conf"));

        Sandbox.check(resolvconf.run("nameserver 198.51.100.7\n", "-a", "eth0.dhclient"), "resolvconf -a");
        assertThat(Files.readString(root.resolve("run/resolvconf/resolv.conf"))).contains("nameserver 198.51.100.7");
        assertThat(Files.readString(root.resolve("etc/resolv.conf"))).isEqualTo(pinned).doesNotContain("198.51.100");

        plan.changes().get(0).undo(host, before);
        assertThat(Files.readString(root.resolve("etc/resolv.conf"))).as("rolled back: the link again")
                .contains("nameserver 198.51.100.7");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
