package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.leakguard.agent.spi.Status;

/** The resolvers control against the real openresolv script, fed DHCP results as dhclient's hook does. */
@Tag("sandbox")
class OpenresolvSandboxTest {
    private static final Spec PIN = Specs.resolversOnly(
            Specs.resolvers(List.of("corp.example"), true, "203.0.113.53"));
    private static final String ISP_LEASE = "nameserver 198.51.100.1\nsearch isp.example\noptions edns0\n";

    @TempDir
    Path tmp;

    private Path root;
    private ResolvconfSandbox resolvconf;

    @BeforeEach
    void up() throws Exception {
        String[] tools = {"unshare", "mount", "apt-get", "dpkg"};
        assumeTrue(Sandbox.usable(tools), Sandbox.why(tools));
        assumeTrue(ResolvconfSandbox.overlaySupported(), "skipped: the kernel has no overlayfs");
        Path pkg = UnpackedDeb.require("openresolv", null);
        root = tmp.resolve("root");
        new RootFiles(root)
                .file(OpenresolvConf.PATH, Files.readString(pkg.resolve("etc/resolvconf.conf")))
                .file("/usr/sbin/resolvconf", Files.readString(pkg.resolve("sbin/resolvconf")))
                .file("/etc/resolv.conf", "# resolvers for the lab\nnameserver 192.0.2.1\n");
        resolvconf = new ResolvconfSandbox(pkg, root, tmp.resolve("scratch"));
    }

    @Test
    void aDhcpEventAfterApplyCannotBringTheIspResolverBack() throws Exception {
        Sandbox.check(resolvconf.run(ISP_LEASE, "-a", "eth0"), "resolvconf -a eth0");
        assertThat(resolvConf()).as("before: the lease's server is written").contains("nameserver 198.51.100.1");

        Host host = TestHosts.online(root, new ScriptedCommands());
        ResolversControl control = new ResolversControl();
        Assessment plan = control.plan(PIN, control.observe(PIN, host));
        assertThat(plan.changes()).extracting(Change::target).containsExactly(OpenresolvConf.PATH, ResolvConf.PATH);
        List<BeforeImage> before = new ArrayList<>();
        for (Change c : plan.changes()) {
            before.add(c.capture(host));
            c.apply(host);
        }

        Sandbox.check(resolvconf.run(ISP_LEASE, "-a", "eth0"), "resolvconf -a eth0");
        Sandbox.check(resolvconf.run("nameserver 198.51.100.2\n", "-a", "wlan0"), "resolvconf -a wlan0");
        String text = resolvConf();
        assertThat(text).startsWith(OpenresolvConf.SIGNATURE).doesNotContain("198.51.100").doesNotContain("isp.example");
        assertThat(ResolvConf.parseNameservers(text)).containsExactly("203.0.113.53");
        assertThat(ResolvConf.parseSearch(text)).containsExactly("corp.example");
        assertThat(control.plan(PIN, control.observe(PIN, host)).status()).isEqualTo(Status.COMPLIANT);

        for (int i = plan.changes().size() - 1; i >= 0; i--) {
            plan.changes().get(i).undo(host, before.get(i));
        }
        Sandbox.check(resolvconf.run(null, "-u"), "resolvconf -u");
        assertThat(resolvConf()).as("rolled back: DHCP's servers are written again")
                .contains("nameserver 198.51.100.1").contains("nameserver 198.51.100.2");
    }

    private String resolvConf() throws Exception {
        return Files.readString(root.resolve("etc/resolv.conf"));
    }
}
