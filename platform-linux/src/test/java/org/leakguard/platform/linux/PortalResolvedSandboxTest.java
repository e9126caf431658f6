package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.engine.Transaction;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyLoader;
import org.leakguard.agent.portal.Portals;

/**
 * The window on a host whose resolv.conf is systemd-resolved's stub, with the real daemon from its
 * unpacked package and real nft: while it is open, the lease's link carries the hotel's resolver
 * with {@code ~.} and glibc's lookup reaches it; the corporate route keeps its link; once the kernel
 * closes the window nothing more reaches the hotel's resolver, and the next run gives the link
 * back what it had.
 */
@Tag("sandbox")
class PortalResolvedSandboxTest {
    private static final String HOTEL = "198.51.100.54";
    private static final String HOTEL_ANSWER = "192.0.2.3";
    /** dhclient's lease format, as {@link PortalSandboxTest}'s real dhclient writes it. */
    private static final String LEASE = "lease {\n  interface \"lgc0\";\n  fixed-address 198.51.100.2;\n"
            + "  option subnet-mask 255.255.255.0;\n  option domain-name-servers " + HOTEL + ";\n"
            + "  renew 4 2099/01/01 00:00:00;\n  rebind 4 2099/01/01 00:00:00;\n  expire 4 2099/01/01 00:00:00;\n}\n";

    @TempDir
    Path tmp;

    private Path unpacked;

    @BeforeEach
    void tools() {
        String[] tools = {"dnsmasq", "dbus-daemon", "busctl", "nsenter", "unshare", "mount", "ip", "dig", "getent", "nft",
            "apt-get", "dpkg"};
        assumeTrue(Sandbox.usable(tools), Sandbox.why(tools));
        unpacked = UnpackedDeb.require("systemd-resolved", "libsystemd-shared");
    }

    @Test
    void theLeasesLinkAsksTheHotelsResolverOnlyWhileTheKernelHoldsTheWindow() throws Exception {
        try (SplitDnsLab lab = SplitDnsLab.start(tmp, unpacked)) {
            Host host = lab.liveHost();
            lab.serveOnIsp(HOTEL, HOTEL_ANSWER, "hotel");
            host.files().write("/var/lib/dhcp/dhclient.leases", LEASE.getBytes(StandardCharsets.UTF_8), null);
            LoadedPolicy policy = policy();
            var spec = policy.policy().spec();
            ResolversControl control = new ResolversControl();
            AppliedChanges.apply(host, control.plan(spec, control.observe(spec, host)).changes());
            lab.restartResolved(false);
            VpnLaptop.applyFirewall(policy, host);
            LinkDns before = SplitDnsLab.link(host, "lgc0");
            assertThat(lab.getent("before.hotel.example")).isEqualTo(SplitDnsLab.PINNED_ANSWER);

            StateDir state = VpnLaptop.portalState(tmp);
            Portals portals = VpnLaptop.portals(host, state);
            Portals.Opened opened = portals.open(policy, VpnLaptop.SHORT_WINDOW);
            assertThat(SplitDnsLab.link(host, "lgc0")).isEqualTo(new LinkDns(List.of(HOTEL), List.of("~.")));
            assertThat(SplitDnsLab.link(host, "lgv0").domains()).as("the route keeps its link").containsExactly("~corp.example");
            assertThat(lab.getent("portal.hotel.example")).isIn(HOTEL_ANSWER, SplitDnsLab.PINNED_ANSWER);
            assertThat(lab.asked("hotel")).contains("portal.hotel.example");
            assertThat(lab.getent("www.corp.example")).isEqualTo(SplitDnsLab.CORP_ANSWER);
            assertThat(lab.asked("hotel")).doesNotContain("corp.example");
            assertThat(control.plan(spec, control.observe(spec, host)).changes()).extracting(Change::target)
                    .as("apply and watch leave the window's link").doesNotContain("systemd-resolved link lgc0");

            DhcpLab.await("the kernel closing the window", VpnLaptop.CLOSE_WITHIN_SECONDS, () -> VpnLaptop.windowClosed(host));
            assertThat(SplitDnsLab.link(host, "lgc0").servers()).as("not yet put back").containsExactly(HOTEL);
            assertThat(control.plan(spec, control.observe(spec, host)).changes()).extracting(Change::target)
                    .as("after the end the link is drift, which watch repairs").contains("systemd-resolved link lgc0");
            // resolved keeps retrying the link's server, each try rejected at once: a lookup waits on it until the
            // link is put back, so one short try through the stub is enough to show where it goes.
            host.commands().run(Command.of("dig", "+time=2", "+tries=1", "@127.0.0.53", "after.hotel.example"));
            assertThat(lab.asked("hotel")).as("rejected by the kernel, never reaching it").doesNotContain("after.hotel.example");

            assertThat(portals.recover()).singleElement().satisfies(s -> assertThat(s).contains("closed by the kernel at " + opened.until()));
            assertThat(SplitDnsLab.link(host, "lgc0")).isEqualTo(before);
            assertThat(lab.asked("hotel")).as("nor did resolved's retries until then").doesNotContain("after.hotel.example");
            List<Transaction> journal = state.list();
            assertThat(journal.get(1).intents()).extracting(i -> i.change().getClass().getSimpleName())
                    .containsExactly("ClosePortal", "LinkBack");
            assertThat(lab.getent("later.hotel.example")).isEqualTo(SplitDnsLab.PINNED_ANSWER);
            assertThat(lab.asked("hotel")).doesNotContain("later.hotel.example");
        }
    }

    private static LoadedPolicy policy() throws Exception {
        String yaml = "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata:\n  name: sandbox-resolved-laptop\nspec:\n"
                + "  resolvers:\n    servers: [" + SplitDnsLab.PINNED + "]\n    routes:\n      - domains: [corp.example]\n"
                + "        servers: [" + SplitDnsLab.CORP + "]\n"
                + "  firewall:\n    plainDns: block-others\n    portal:\n      maxWindow: 10m\n";
        return new PolicyLoader().parse("resolved-laptop.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }
}
