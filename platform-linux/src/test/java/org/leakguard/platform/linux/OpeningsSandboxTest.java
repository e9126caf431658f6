package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * Route servers and the VPN client's exception against real nft, the real policy-routing layer and
 * a real DNS server: only the excepted user's queries reach the network's resolver.
 */
@Tag("sandbox")
class OpeningsSandboxTest {
    @TempDir
    Path tmp;

    private ResolverLab lab;
    private Host host;

    @BeforeEach
    void up() throws Exception {
        assumeTrue(Sandbox.usable("nft", "ip", "dnsmasq", "dig", "setpriv"), Sandbox.why("nft", "ip", "dnsmasq", "dig", "setpriv"));
        lab = ResolverLab.start(tmp);
        host = VpnLaptop.host(tmp.resolve("root"), new NetnsCommands(lab.laptop()));
    }

    @AfterEach
    void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void routeServersAnswerOn53AndNoOtherServerIsReached() throws Exception {
        LoadedPolicy policy = VpnLaptop.policy(null, null);
        VpnLaptop.applyFirewall(policy, host);
        Netns laptop = lab.laptop();
        assertThat(ResolverLab.outcome(laptop, ResolverLab.ROUTE_SERVER, "intranet.corp.example")).isEqualTo("answered");
        assertThat(ResolverLab.outcomeTcp(laptop, ResolverLab.ROUTE_SERVER, "wiki.corp.example")).isEqualTo("answered");
        assertThat(ResolverLab.outcome(laptop, ResolverLab.OTHER, "other.example")).isIn("refused", "prohibited");
        assertThat(ResolverLab.outcomeTcp(laptop, ResolverLab.OTHER, "other-tcp.example")).isIn("refused", "prohibited");
        assertThat(ResolverLab.outcome(laptop, ResolverLab.DHCP_RESOLVER, "hotel.example")).isIn("refused", "prohibited");
        assertThat(lab.queryLog()).contains("intranet.corp.example from 203.0.113.2").contains("wiki.corp.example")
                .doesNotContain("other.example").doesNotContain("other-tcp.example").doesNotContain("hotel.example");
        FirewallControl control = new FirewallControl();
        Assessment again = control.plan(policy.policy().spec(), control.observe(policy.policy().spec(), host));
        assertThat(again.status()).as(again.findings().toString()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void theExceptedUserReachesTheNetworksResolverAndNoOtherProcessDoes() throws Exception {
        LoadedPolicy policy = VpnLaptop.policy("      - user: lgvpn\n", null);
        Assessment applied = VpnLaptop.applyFirewall(policy, host);
        assertThat(applied.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).startsWith("exception in force: user lgvpn (uid " + VpnLaptop.VPN_UID + ")"));
        Netns laptop = lab.laptop();
        assertThat(ResolverLab.outcome(laptop, ResolverLab.DHCP_RESOLVER, "vpn-server.example", VpnLaptop.as(VpnLaptop.VPN_UID)))
                .isEqualTo("answered");
        assertThat(ResolverLab.outcome(laptop, ResolverLab.OTHER, "vpn-fallback.example", VpnLaptop.as(VpnLaptop.VPN_UID)))
                .isEqualTo("answered");
        assertThat(ResolverLab.outcome(laptop, ResolverLab.DHCP_RESOLVER, "browser.example")).isIn("refused", "prohibited");
        assertThat(ResolverLab.outcome(laptop, ResolverLab.DHCP_RESOLVER, "other-user.example", VpnLaptop.as(VpnLaptop.OTHER_UID)))
                .isIn("refused", "prohibited");
        assertThat(lab.queryLog()).contains("vpn-server.example").contains("vpn-fallback.example")
                .doesNotContain("browser.example").doesNotContain("other-user.example");

        // The layer under the table lets the uid past too: with the table flushed, its DNS still goes, no one else's.
        lab.laptop().run("nft", "delete", "table", "inet", "leakguard");
        assertThat(ResolverLab.outcome(laptop, ResolverLab.DHCP_RESOLVER, "flushed-vpn.example", VpnLaptop.as(VpnLaptop.VPN_UID)))
                .isEqualTo("answered");
        assertThat(ResolverLab.outcome(laptop, ResolverLab.DHCP_RESOLVER, "flushed-browser.example")).isEqualTo("prohibited");
    }

    @Test
    void aMissingExceptionRuleIsDriftAndTheRepairRestoresIt() throws Exception {
        LoadedPolicy policy = VpnLaptop.policy("      - user: lgvpn\n", null);
        VpnLaptop.applyFirewall(policy, host);
        String listing = lab.laptop().run("nft", "-a", "list", "chain", "inet", "leakguard", "output").stdout();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("comment \"lg:except-uid-4242-53\" # handle (\\d+)").matcher(listing);
        assertThat(m.find()).as(listing).isTrue();
        lab.laptop().run("nft", "delete", "rule", "inet", "leakguard", "output", "handle", m.group(1));
        assertThat(ResolverLab.outcome(lab.laptop(), ResolverLab.DHCP_RESOLVER, "cut.example", VpnLaptop.as(VpnLaptop.VPN_UID)))
                .isEqualTo("refused");
        Assessment drift = VpnLaptop.applyFirewall(policy, host);
        assertThat(drift.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(drift.findings()).extracting(Finding::message)
                .anySatisfy(f -> assertThat(f).contains("chain output rules are").contains("lg:except-uid-4242-53"));
        assertThat(ResolverLab.outcome(lab.laptop(), ResolverLab.DHCP_RESOLVER, "mended.example", VpnLaptop.as(VpnLaptop.VPN_UID)))
                .isEqualTo("answered");
    }

    @Test
    void aProcessInTheExceptedCgroupReachesTheNetworksResolverAndOthersDoNot() throws Exception {
        assumeTrue(java.nio.file.Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))
                || java.nio.file.Files.exists(Path.of("/sys/fs/cgroup/unified/cgroup.controllers")), "no cgroup v2 hierarchy here");
        String cgroup = "lg-cg-" + Long.toHexString(new java.security.SecureRandom().nextLong() & 0xffffffffL);
        // nft looks cgroup paths up under /sys/fs/cgroup, which `ip netns exec` mounts afresh: cgroup v2 is mounted there first.
        String mount = "mount -t cgroup2 none /sys/fs/cgroup && ";
        Netns laptop = lab.laptop();
        laptop.run("sh", "-c", mount + "mkdir /sys/fs/cgroup/" + cgroup);
        try {
            java.nio.file.Files.createDirectories(tmp.resolve("root/sys/fs/cgroup/" + cgroup));
            java.nio.file.Files.writeString(tmp.resolve("root/sys/fs/cgroup/cgroup.controllers"), "\n");
            Host inCgroupView = VpnLaptop.host(tmp.resolve("root"), command -> new org.leakguard.agent.host.ExecCommands().run(
                    new org.leakguard.agent.host.Command(laptop.inside(withCgroupMount(command.argv())), command.input(), command.timeout())));
            Assessment applied = VpnLaptop.applyFirewall(VpnLaptop.policy("      - cgroup: " + cgroup + "\n", null), inCgroupView);
            assertThat(applied.findings()).extracting(Finding::message)
                    .anySatisfy(m -> assertThat(m).startsWith("exception in force: cgroup " + cgroup + " (level 1)"))
                    .anySatisfy(m -> assertThat(m).contains("policy-routing rules cannot tell a cgroup"));
            String[] inside = {"sh", "-c", mount + "echo $$ > /sys/fs/cgroup/" + cgroup + "/cgroup.procs && exec \"$@\"", "sh"};
            assertThat(ResolverLab.outcome(laptop, ResolverLab.DHCP_RESOLVER, "vpn-unit.example", inside)).isEqualTo("answered");
            assertThat(ResolverLab.outcome(laptop, ResolverLab.DHCP_RESOLVER, "outside-unit.example")).isEqualTo("refused");
            assertThat(lab.queryLog()).contains("vpn-unit.example").doesNotContain("outside-unit.example");
        } finally {
            laptop.exec(null, "sh", "-c", mount + "rmdir /sys/fs/cgroup/" + cgroup);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"legacy", "nft"})
    void withoutNftTheIptablesChainsOpenTheSameAndTheWindowSaysWhyNot(String variant) throws Exception {
        assumeTrue(Sandbox.usable("iptables-" + variant, "ip6tables-" + variant), Sandbox.why("iptables-" + variant));
        Path root = tmp.resolve("root");
        Host noNft = VpnLaptop.host(root, new IptablesOnlyCommands(new NetnsCommands(lab.laptop()), variant, root));
        LoadedPolicy policy = VpnLaptop.policy("      - user: lgvpn\n", "10m");
        VpnLaptop.applyFirewall(policy, noNft);
        Netns laptop = lab.laptop();
        assertThat(ResolverLab.outcome(laptop, ResolverLab.ROUTE_SERVER, "intranet.corp.example")).isEqualTo("answered");
        assertThat(ResolverLab.outcome(laptop, ResolverLab.DHCP_RESOLVER, "vpn.example", VpnLaptop.as(VpnLaptop.VPN_UID)))
                .isEqualTo("answered");
        assertThat(ResolverLab.outcome(laptop, ResolverLab.DHCP_RESOLVER, "browser.example")).isIn("refused", "prohibited");
        assertThat(ResolverLab.outcome(laptop, ResolverLab.OTHER, "other.example", VpnLaptop.as(VpnLaptop.OTHER_UID)))
                .isIn("refused", "prohibited");
        FirewallControl control = new FirewallControl();
        assertThat(control.plan(policy.policy().spec(), control.observe(policy.policy().spec(), noNft)).status())
                .isEqualTo(Status.COMPLIANT);
        assertThat(new LinuxPortalWindow().unavailable(policy.policy().spec(), noNft)).get().asString()
                .contains("the iptables fallback has no set whose elements expire by themselves");
    }

    private static java.util.List<String> withCgroupMount(java.util.List<String> argv) {
        java.util.List<String> out = new java.util.ArrayList<>(java.util.List.of("sh", "-c",
                "mount -t cgroup2 none /sys/fs/cgroup && exec \"$@\"", "sh"));
        out.addAll(argv);
        return out;
    }
}
