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
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;

/**
 * Routing by domain where NetworkManager manages the route's link and hands its DNS to the real
 * systemd-resolved: once applied, a reconnect of the connection sets the route again instead of
 * the network's server, and rollback gives the connection and the link back their own.
 */
@Tag("sandbox")
class SplitDnsNetworkManagerSandboxTest {
    private static final String PINNED = DhcpLab.ISP_RESOLVER;
    private static final String CORP = "198.51.100.54";
    private static final String CONF = "[main]\nplugins=keyfile\ndns=systemd-resolved\n[device]\nmatch-device=*\nmanaged=true\n";

    @TempDir
    Path tmp;

    @Test
    void aReconnectHandsResolvedTheRouteAgain() throws Exception {
        String[] tools = {"dnsmasq", "dbus-daemon", "busctl", "nsenter", "unshare", "mount", "ip", "getent", "apt-get", "dpkg"};
        assumeTrue(Sandbox.usable(tools), Sandbox.why(tools));
        Path nm = UnpackedDeb.require("network-manager", null);
        Path resolved = UnpackedDeb.require("systemd-resolved", "libsystemd-shared");
        List<Path> libraries = List.of(libraries(UnpackedDeb.require("libndp0", null)),
                libraries(UnpackedDeb.require("libnm0", null)));
        try (DhcpLab lab = DhcpLab.start(tmp)) {
            lab.useLibraries(libraries);
            SplitDnsLab.serveOnIsp(lab, tmp, PINNED, SplitDnsLab.PINNED_ANSWER, "pinned");
            SplitDnsLab.serveOnIsp(lab, tmp, CORP, SplitDnsLab.CORP_ANSWER, "corp");
            lab.files().write("/etc/NetworkManager/NetworkManager.conf", CONF.getBytes(), 0644);
            SplitDnsLab.prepare(lab);
            Host host = TestHosts.online(lab.files(), lab.commands(Path.of(nm.resolve("usr/bin") + ":" + resolved.resolve("usr/bin"))));
            lab.startBus();
            lab.startInClient("resolved", null, resolved.resolve("lib/systemd/systemd-resolved").toString());
            lab.startInClient("NetworkManager", null, nm.resolve("usr/sbin/NetworkManager").toString(), "--debug");
            DhcpLab.await("NetworkManager handing resolved the lease's server for lgc0", 20,
                    () -> lgc0(host).servers().contains(PINNED));
            LinkDns before = lgc0(host);
            assertThat(before.domains()).as("DHCP's search domain").containsExactly(DhcpLab.ISP_DOMAIN);

            Spec spec = Specs.resolversOnly(Specs.routed(List.of(), List.of(Specs.route("corp.example", CORP)), PINNED));
            ResolversControl control = new ResolversControl();
            Assessment plan = control.plan(spec, control.observe(spec, host));
            assertThat(plan.changes()).extracting(Change::target).contains("nmcli", "nmcli device reapply lgc0",
                    "systemd-resolved link lgc0");
            LinkDns route = new LinkDns(List.of(CORP), List.of("~corp.example"));
            List<Change> linkOnly = plan.changes().stream().filter(SetLinkDns.class::isInstance).toList();
            AppliedChanges baseline = AppliedChanges.apply(host, linkOnly);
            assertThat(lgc0(host)).isEqualTo(route);
            String uuid = plan.changes().stream().filter(c -> c.target().equals("nmcli"))
                    .map(c -> ((org.leakguard.agent.change.RunCommand) c).argv().get(4)).findFirst().orElseThrow();
            reconnect(host, uuid);
            DhcpLab.await("baseline: the reconnect handing resolved the connection's own DNS over the route", 20,
                    () -> lgc0(host).sameAs(before));
            baseline.rollBack();

            AppliedChanges applied = AppliedChanges.apply(host, plan.changes());
            assertThat(lgc0(host)).isEqualTo(route);

            reconnect(host, uuid);
            DhcpLab.await("the reconnect handing resolved the route", 20, () -> lgc0(host).sameAs(route));
            lab.awaitRenewal("dhcp", "DHCPACK(lgs0)");
            assertThat(lgc0(host)).as("after a reconnect and a renewal").isEqualTo(route);
            assertThat(SplitDnsLab.getent(host, "intranet.corp.example")).isEqualTo(SplitDnsLab.CORP_ANSWER);
            Assessment held = control.plan(spec, control.observe(spec, host));
            assertThat(held.changes()).as("%s", held.findings()).filteredOn(c -> !c.target().equals(ResolvedDropIn.PATH))
                    .isEmpty();

            applied.rollBack();
            try {
                DhcpLab.await("NetworkManager handing resolved the lease's server and domain again", 20,
                        () -> lgc0(host).sameAs(before));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; lgc0 holds " + lgc0(host), e);
            }
        }
    }

    /** Activates the active connection again: NetworkManager takes the link down and hands resolved its DNS anew. */
    private static void reconnect(Host host, String uuid) throws IOException {
        Sandbox.check(host.commands().run(Command.of("nmcli", "connection", "up", "uuid", uuid)), "nmcli connection up");
    }

    private static LinkDns lgc0(Host host) {
        return SplitDnsLab.link(host, "lgc0");
    }

    private static Path libraries(Path unpacked) throws IOException {
        try (Stream<Path> s = Files.list(unpacked.resolve("usr/lib"))) {
            List<Path> dirs = new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith("-linux-gnu")).toList());
            return dirs.get(0);
        }
    }
}
