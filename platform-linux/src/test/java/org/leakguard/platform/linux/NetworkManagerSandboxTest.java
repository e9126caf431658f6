package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;

/**
 * The resolvers control against the real NetworkManager (Debian's package, unpacked with the two
 * libraries it needs that a server lacks), running before apply with its internal DHCP client on
 * a lease from dnsmasq that asks for a renewal every few seconds, and writing resolv.conf itself.
 */
@Tag("sandbox")
class NetworkManagerSandboxTest {
    private static final String PINNED = "203.0.113.53";
    private static final Spec PIN = Specs.resolversOnly(Specs.resolvers(List.of(), true, PINNED));
    private static final String CONF = "[main]\nplugins=keyfile\n[device]\nmatch-device=*\nmanaged=true\n";

    @TempDir
    Path tmp;

    @Test
    void theRunningDaemonKeepsThePinThroughRenewalsAndRollbackLetsItWriteDhcpsServerAgain() throws Exception {
        String[] tools = {"dnsmasq", "dbus-daemon", "nsenter", "unshare", "mount", "ip", "apt-get", "dpkg"};
        assumeTrue(Sandbox.usable(tools), Sandbox.why(tools));
        Path nm = UnpackedDeb.require("network-manager", null);
        List<Path> libraries = List.of(libraries(UnpackedDeb.require("libndp0", null)),
                libraries(UnpackedDeb.require("libnm0", null)));
        try (DhcpLab lab = DhcpLab.start(tmp)) {
            lab.useLibraries(libraries);
            lab.files().write("/etc/NetworkManager/NetworkManager.conf", CONF.getBytes(), 0644);
            lab.startBus();
            lab.startInClient("NetworkManager", null, nm.resolve("usr/sbin/NetworkManager").toString(), "--debug");
            DhcpLab.await("NetworkManager's first lease writing " + DhcpLab.ISP_RESOLVER, 20,
                    () -> lab.nameservers().contains(DhcpLab.ISP_RESOLVER));

            Host host = TestHosts.online(lab.files(), lab.commands(nm.resolve("usr/bin")));
            ResolversControl control = new ResolversControl();
            Assessment plan = control.plan(PIN, control.observe(PIN, host));
            assertThat(plan.changes()).extracting(Change::target).contains(NetworkManagerPlan.CONF,
                    "nmcli general reload", "nmcli device reapply lgc0", ResolvConf.PATH);

            List<Change> fileOnly = plan.changes().stream().filter(c -> c.target().equals(ResolvConf.PATH)).toList();
            AppliedChanges baseline = AppliedChanges.apply(host, fileOnly);
            assertThat(lab.nameservers()).containsExactly(PINNED);
            rewrite(host);
            DhcpLab.await("baseline: the running daemon rewriting the pinned file", 10,
                    () -> lab.nameservers().equals(List.of(DhcpLab.ISP_RESOLVER)));
            baseline.rollBack();

            AppliedChanges applied = AppliedChanges.apply(host, plan.changes());
            for (int i = 0; i < 2; i++) {
                lab.awaitRenewal("dhcp", "DHCPACK(lgs0)");
            }
            rewrite(host);
            assertThat(lab.nameservers()).as("renewals and a rewrite by the running daemon after apply")
                    .containsExactly(PINNED);
            assertThat(lab.search()).as("the policy names no search domain: the host's stays").containsExactly(DhcpLab.ISP_DOMAIN);
            String uuid = ((org.leakguard.agent.change.RunCommand) plan.changes().stream()
                    .filter(c -> c.target().equals("nmcli")).findFirst().orElseThrow()).argv().get(4);
            assertThat(host.commands().run(org.leakguard.agent.host.Command.of("nmcli", "-g", "ipv4.dns-search",
                    "connection", "show", "uuid", uuid)).stdout().strip())
                    .as("ignore-auto-dns would drop DHCP's domain: it is the connection's own now").isEqualTo(DhcpLab.ISP_DOMAIN);
            Assessment again = control.plan(PIN, control.observe(PIN, host));
            assertThat(again.changes()).as("%s", again.findings()).isEmpty();

            applied.rollBack();
            assertThat(host.files().exists(NetworkManagerPlan.CONF)).isFalse();
            DhcpLab.await("NetworkManager writing DHCP's server again after rollback", 20,
                    () -> lab.nameservers().contains(DhcpLab.ISP_RESOLVER));
        }
    }

    /** Makes NetworkManager write resolv.conf now, as it does whenever its DNS configuration changes. */
    private static void rewrite(Host host) throws Exception {
        Sandbox.check(host.commands().run(org.leakguard.agent.host.Command.of("nmcli", "general", "reload", "dns-rc")),
                "nmcli general reload dns-rc");
        Thread.sleep(500);
    }

    /** The unpacked package's multiarch library folder ({@code usr/lib/x86_64-linux-gnu} on amd64). */
    private static Path libraries(Path unpacked) throws IOException {
        try (Stream<Path> s = Files.list(unpacked.resolve("usr/lib"))) {
            List<Path> dirs = new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith("-linux-gnu")).toList());
            assertThat(dirs).as("a multiarch folder in %s", unpacked).hasSize(1);
            return dirs.get(0);
        }
    }
}
