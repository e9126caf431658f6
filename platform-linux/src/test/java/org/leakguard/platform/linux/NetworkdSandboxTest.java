package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.spi.Assessment;

/**
 * The resolvers control against the real systemd-networkd, running before apply and taking DNS
 * servers from a real DHCP server and real router advertisements (radvd's RDNSS).
 */
@Tag("sandbox")
class NetworkdSandboxTest {
    private static final String PINNED = "203.0.113.53";

    @TempDir
    Path tmp;

    private Path unpacked;

    @BeforeEach
    void tools() {
        String[] tools = {"dnsmasq", "radvd", "dbus-daemon", "nsenter", "unshare", "mount", "ip", "dig", "apt-get", "dpkg"};
        assumeTrue(Sandbox.usable(tools), Sandbox.why(tools));
        unpacked = UnpackedDeb.require("systemd", "libsystemd-shared");
    }

    @Test
    void afterApplyAndReloadTheRunningNetworkdHoldsNoDhcpServerAndRollbackBringsItBack() throws Exception {
        try (DhcpLab lab = DhcpLab.start(tmp)) {
            NetworkdLab networkd = NetworkdLab.start(lab, unpacked);
            networkd.await("networkd taking " + DhcpLab.ISP_RESOLVER + " from its lease", 15,
                    dns -> dns.contains(DhcpLab.ISP_RESOLVER));
            Host host = networkd.host();
            Spec pin = Specs.resolversOnly(Specs.resolvers(List.of(), true, PINNED));
            ResolversControl control = new ResolversControl();
            List<Change> plan = control.plan(pin, control.observe(pin, host)).changes();
            assertThat(plan).extracting(Change::target).contains(
                    "/etc/systemd/network/50-lab.network.d/90-leakguard.conf", "networkctl reload");

            AppliedChanges applied = AppliedChanges.apply(host, plan);
            networkd.await("networkd dropping the DHCP server after networkctl reload", 10, List::isEmpty);
            Thread.sleep(2000L * DhcpLab.RENEW_SECONDS);
            assertThat(networkd.linkDns()).as("after renewals of the lease").isEmpty();
            Assessment again = control.plan(pin, control.observe(pin, host));
            assertThat(again.changes()).as("%s", again.findings()).isEmpty();

            applied.rollBack();
            assertThat(host.files().exists("/etc/systemd/network/50-lab.network.d")).isFalse();
            networkd.await("networkd taking the DHCP server again after rollback", 15,
                    dns -> dns.contains(DhcpLab.ISP_RESOLVER));
        }
    }

    @Test
    void withIpv6KeptAResolverLearnedFromRouterAdvertisementsIsNeitherUsedNorReachable() throws Exception {
        try (DhcpLab lab = DhcpLab.start(tmp)) {
            lab.advertise();
            lab.serveDns(DhcpLab.RA_RESOLVER, 53);
            lab.serveDns(DhcpLab.RA_RESOLVER, 853);
            NetworkdLab networkd = NetworkdLab.start(lab, unpacked);
            networkd.await("networkd taking " + DhcpLab.RA_RESOLVER + " from a router advertisement (RDNSS)", 20,
                    dns -> dns.contains(DhcpLab.RA_RESOLVER));
            awaitAnswer(lab);
            assertThat(answers(lab, DhcpLab.RA_RESOLVER, "+tcp")).isTrue();
            assertThat(answers(lab, DhcpLab.RA_RESOLVER, "+tcp", "-p", "853")).as("before: 853 open").isTrue();

            Spec spec = new Spec(Specs.resolvers(List.of(), true, PINNED), null, Toggle.KEEP, Specs.blockAll(), null, null);
            Host host = networkd.host();
            Host firewallHost = TestHosts.online(tmp.resolve("fw"), new NetnsCommands(lab.client()));
            List<Change> resolvers = plan(new ResolversControl(), spec, host);
            List<Change> firewall = plan(new FirewallControl(), spec, firewallHost);
            AppliedChanges.apply(host, resolvers);
            AppliedChanges.apply(firewallHost, firewall);

            networkd.await("networkd dropping the RA resolver after networkctl reload", 10,
                    dns -> !dns.contains(DhcpLab.RA_RESOLVER));
            Thread.sleep(5000);
            assertThat(networkd.linkDns()).as("after further advertisements").isEmpty();
            assertThat(answers(lab, DhcpLab.RA_RESOLVER)).as("UDP 53").isFalse();
            assertThat(answers(lab, DhcpLab.RA_RESOLVER, "+tcp")).as("TCP 53").isFalse();
            assertThat(answers(lab, DhcpLab.RA_RESOLVER, "+tcp", "-p", "853")).as("TCP 853").isFalse();
        }
    }

    /** The client reaches the RA resolver once its address from the advertised prefix is up. */
    private static void awaitAnswer(DhcpLab lab) throws Exception {
        try {
            DhcpLab.await("the RA resolver answering on 53", 10, () -> answers(lab, DhcpLab.RA_RESOLVER));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the client's IPv6 addresses and routes:\n"
                    + lab.client().exec(null, "ip", "-6", "addr").stdout() + lab.client().exec(null, "ip", "-6", "route").stdout()
                    + "the server said: " + lab.log("dns-53"), e);
        }
    }

    private static <O> List<Change> plan(org.leakguard.agent.spi.Control<O> control, Spec spec, Host host) throws Exception {
        return control.plan(spec, control.observe(spec, host)).changes();
    }

    private static boolean answers(DhcpLab lab, String server, String... options) {
        try {
            var r = lab.dig(server, options);
            return r.ok() && r.stdout().strip().equals("192.0.2.1");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
