package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;

/**
 * Routing by domain on a link the real systemd-networkd manages (DHCP from dnsmasq), whose
 * settings the real systemd-resolved otherwise takes from networkd: the route set over D-Bus
 * holds over a lease renewal and a {@code networkctl reload}, and rollback gives the link the
 * lease's server and domain back.
 */
@Tag("sandbox")
class SplitDnsNetworkdSandboxTest {
    private static final String PINNED = DhcpLab.ISP_RESOLVER;
    private static final String CORP = "198.51.100.54";

    @TempDir
    Path tmp;

    @Test
    void theRouteOnANetworkdLinkHoldsOverRenewalsAndReloads() throws Exception {
        String[] tools = {"dnsmasq", "dbus-daemon", "busctl", "nsenter", "unshare", "mount", "ip", "getent", "apt-get", "dpkg"};
        assumeTrue(Sandbox.usable(tools), Sandbox.why(tools));
        Path systemd = UnpackedDeb.require("systemd", "libsystemd-shared");
        Path resolved = UnpackedDeb.require("systemd-resolved", "libsystemd-shared");
        try (DhcpLab lab = DhcpLab.start(tmp)) {
            SplitDnsLab.serveOnIsp(lab, tmp, PINNED, SplitDnsLab.PINNED_ANSWER, "pinned");
            SplitDnsLab.serveOnIsp(lab, tmp, CORP, SplitDnsLab.CORP_ANSWER, "corp");
            SplitDnsLab.prepare(lab);
            NetworkdLab.start(lab, systemd);
            String daemon = resolved.resolve("lib/systemd/systemd-resolved").toString();
            Process first = lab.startInClient("resolved", null, daemon);
            Host host = TestHosts.online(lab.files(), lab.commands(Path.of(systemd.resolve("bin") + ":" + resolved.resolve("usr/bin"))));
            DhcpLab.await("resolved taking the lease's server for lgc0 from networkd", 20,
                    () -> SplitDnsLab.link(host, "lgc0").servers().contains(PINNED));
            LinkDns before = SplitDnsLab.link(host, "lgc0");

            Spec spec = Specs.resolversOnly(Specs.routed(List.of(), List.of(Specs.route("corp.example", CORP)), PINNED));
            ResolversControl control = new ResolversControl();
            Assessment plan = control.plan(spec, control.observe(spec, host));
            assertThat(plan.changes()).extracting(Change::target).contains("systemd-resolved link lgc0", "networkctl reload");
            AppliedChanges applied = AppliedChanges.apply(host, plan.changes());
            LinkDns route = new LinkDns(List.of(CORP), List.of("~corp.example"));
            assertThat(SplitDnsLab.link(host, "lgc0")).isEqualTo(route);
            // systemd restarts resolved after the drop-in that pins the global servers (here the test does).
            DhcpLab.stop(first);
            lab.startInClient("resolved-again", null, daemon);
            DhcpLab.await("resolved back with the route it saved", 10, () -> SplitDnsLab.link(host, "lgc0").sameAs(route));

            lab.awaitRenewal("dhcp", "DHCPACK(lgs0)");
            Sandbox.check(host.commands().run(Command.of("networkctl", "reload")), "networkctl reload");
            Thread.sleep(1000);
            assertThat(SplitDnsLab.link(host, "lgc0")).as("after a renewal and a reload").isEqualTo(route);
            assertThat(SplitDnsLab.getent(host, "intranet.corp.example")).isEqualTo(SplitDnsLab.CORP_ANSWER);
            assertThat(SplitDnsLab.getent(host, "www.example.org")).isEqualTo(SplitDnsLab.PINNED_ANSWER);
            Assessment held = control.plan(spec, control.observe(spec, host));
            assertThat(held.changes()).as("%s", held.findings()).isEmpty();

            applied.rollBack();
            try {
                DhcpLab.await("the link back on the lease's server and domain", 15,
                        () -> SplitDnsLab.link(host, "lgc0").sameAs(before));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": " + SplitDnsLab.link(host, "lgc0") + " instead of " + before
                        + "; images " + applied.before(), e);
            }
        }
    }
}
