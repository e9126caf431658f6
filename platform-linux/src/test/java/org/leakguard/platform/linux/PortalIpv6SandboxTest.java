package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.engine.UnsupportedHostException;
import org.leakguard.agent.engine.Transaction;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.portal.Portals;
import org.leakguard.agent.spi.PortalWindow;

/**
 * The captive-portal window over IPv6, against real daemons: dnsmasq as the network's stateful
 * DHCPv6 server, the real {@code dhclient -6} writing its lease, a second dnsmasq as the network's
 * IPv6 resolver, the policy's firewall in real nft and the real policy-routing layer. The window
 * opens to the resolver the lease names only, in {@code portal6}, the host's resolv.conf asks it
 * first, and the kernel closes it at its timeout with no agent running; the next run journals the
 * close and puts the file back. A lease whose lifetime ran out opens nothing.
 */
@Tag("sandbox")
class PortalIpv6SandboxTest extends PortalLabTest {
    private static final String LEASES = "/var/lib/dhcp/dhclient6.leases";
    /** The name the system's own lookups (glibc, through the host's resolv.conf) ask for. */
    private static final String NAME = "login.hotel.example";

    private Path resolvConf;
    private String pinned;

    @BeforeEach
    void up() throws Exception {
        String[] tools = {"nft", "ip", "dnsmasq", "dig", "dhclient", "getent", "unshare", "mount"};
        assumeTrue(Sandbox.usable(tools), Sandbox.why(tools));
        lab = ResolverLab.start(tmp);
        lab.ipv6();
        Path root = tmp.resolve("root");
        host = VpnLaptop.host(root, new NetnsCommands(lab.laptop()));
        lab.lease6(root.resolve(LEASES.substring(1)));
        String lease = Files.readString(root.resolve(LEASES.substring(1)));
        assertThat(lease).as("what dhclient -6 wrote; the DHCPv6 server said:\n" + lab.dhcp6Log())
                .contains("lease6 {").contains("option dhcp6.name-servers " + ResolverLab.DHCP6_RESOLVER + ";");
        policy = VpnLaptop.policy(List.of(ResolverLab.PINNED, ResolverLab.PINNED6), null, "10m");
        VpnLaptop.applyFirewall(policy, host);
        // As the resolvers control pins it; one short try per server keeps a lookup that fails to a second.
        pinned = ResolvConf.pin("options timeout:1 attempts:1\n", List.of(ResolverLab.PINNED, ResolverLab.PINNED6), List.of());
        resolvConf = root.resolve("etc/resolv.conf");
        Files.writeString(resolvConf, pinned);
        state = VpnLaptop.portalState(tmp);
    }

    private String network(String name) throws Exception {
        return ResolverLab.outcome(lab.laptop(), ResolverLab.DHCP6_RESOLVER, name);
    }

    /** The address glibc on the laptop resolves {@link #NAME} to, through the host's resolv.conf; "" when it fails. */
    private String system() throws Exception {
        CommandResult r = lab.getent(resolvConf, NAME);
        return r.ok() ? r.stdout().strip().split("\\s+")[0] : "";
    }

    private long asked(String log) {
        return lab.queryLog6(log).lines().filter(l -> l.contains("query[") && l.contains(" " + NAME + " ")).count();
    }

    private String portal6() throws Exception {
        return lab.laptop().run("nft", "list", "set", "inet", "leakguard", FirewallRules.PORTAL6).stdout();
    }

    @Test
    void theWindowOpensToTheResolverTheDhcpv6LeaseNamesAndTheKernelClosesIt() throws Exception {
        assertThat(network("before.example")).isEqualTo("prohibited");
        assertThat(ResolverLab.outcome(lab.laptop(), ResolverLab.PINNED6, "pinned.example")).as("the pinned IPv6 resolver")
                .isEqualTo("answered");
        assertThat(system()).as("the system's lookup: the pinned IPv6 resolver").isEqualTo(ResolverLab.PINNED6_ANSWER);

        // The same lease once its address's valid lifetime (2 minutes) ran out names nothing: no window, nothing changed.
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(3)), ZoneOffset.UTC);
        Host stale = new Host(host.info(), host.files(), host.commands(), false, later);
        String ruleset = lab.laptop().run("nft", "list", "ruleset").stdout();
        assertThatThrownBy(() -> new Portals(new LinuxPortalWindow(), stale, state, later).open(policy, Duration.ofSeconds(3)))
                .isInstanceOf(UnsupportedHostException.class).hasMessageContaining("the network handed out no resolver");
        assertThat(lab.laptop().run("nft", "list", "ruleset").stdout()).isEqualTo(ruleset);
        assertThat(state.list()).isEmpty();

        Portals.Opened opened = portals().open(policy, VpnLaptop.SHORT_WINDOW);
        assertThat(opened.resolvers()).extracting(r -> Addresses.text(r.address()) + " " + r.source())
                .containsExactly(ResolverLab.DHCP6_RESOLVER + " " + LEASES);
        // The journaled end is on a whole second: what is left of it at the load is a second less or the whole, rounded up.
        long whole = VpnLaptop.SHORT_WINDOW.toSeconds();
        assertThat(portal6()).containsPattern(java.util.regex.Pattern.quote(ResolverLab.DHCP6_RESOLVER) + " timeout (" + (whole - 1)
                + "|" + whole + ")s expires ");
        assertThat(lab.laptop().run("nft", "list", "set", "inet", "leakguard", FirewallRules.PORTAL4).stdout())
                .doesNotContain("elements");
        assertThat(lab.laptop().run("ip", "-6", "rule", "show", "pref", "99").stdout()).contains("to " + ResolverLab.DHCP6_RESOLVER);
        assertThat(ResolvConf.parseNameservers(Files.readString(resolvConf))).as("the leased resolver first, the pinned ones after")
                .containsExactly(ResolverLab.DHCP6_RESOLVER, ResolverLab.PINNED, ResolverLab.PINNED6);
        assertThat(system()).as("the system's lookup: the network's IPv6 resolver").isEqualTo(ResolverLab.NETWORK_ANSWER);
        long answered = asked("dns6");
        assertThat(answered).isPositive();
        assertThat(network("hotel-login.example")).isEqualTo("answered");
        assertThat(ResolverLab.outcomeTcp(lab.laptop(), ResolverLab.DHCP6_RESOLVER, "hotel-tcp.example")).isEqualTo("answered");
        assertThat(ResolverLab.outcome(lab.laptop(), ResolverLab.OTHER6, "elsewhere.example")).isIn("refused", "prohibited");
        assertThat(lab.laptop().exec(null, "dig", "+tcp", "+time=1", "+tries=1", "-p", "853", "@" + ResolverLab.DHCP6_RESOLVER,
                "tls.example").stdout()).as("853 stays closed: the window is for plain DNS").doesNotContain("ANSWER SECTION");

        // No agent runs from here on: the kernel drops the element at its timeout.
        Instant until = Instant.parse(opened.until());
        DhcpLab.await("the kernel closing the window", VpnLaptop.CLOSE_WITHIN_SECONDS, () -> VpnLaptop.windowClosed(host));
        assertThat(Instant.now()).as("never before the journaled end").isAfterOrEqualTo(until);
        assertThat(portal6()).doesNotContain(ResolverLab.DHCP6_RESOLVER);
        assertThat(network("after.example")).isEqualTo("refused");
        long started = System.nanoTime();
        assertThat(system()).as("the file still names the network's resolver first: rejected, then the pinned one")
                .isEqualTo(ResolverLab.PINNED6_ANSWER);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(asked("dns6")).as("nothing new reached the network's resolver").isEqualTo(answered);
        assertThat(lab.queryLog6("dns6")).contains("hotel-login.example").doesNotContain("before.example")
                .doesNotContain("after.example").doesNotContain("elsewhere.example").doesNotContain("tls.example");
        assertThat(lab.queryLog6("pinned6")).contains("pinned.example");
        assertThat(portals().status().open()).isFalse();

        // The first locked run after records the close, and takes the routing rules it left away.
        List<String> said = portals().recover();
        assertThat(said).singleElement().satisfies(s -> assertThat(s).contains("closed by the kernel at " + opened.until()));
        assertThat(lab.laptop().run("ip", "-6", "rule", "show", "pref", "99").stdout()).isBlank();
        assertThat(Files.readString(resolvConf)).as("put back exactly").isEqualTo(pinned);
        assertThat(network("recorded.example")).isEqualTo("prohibited");
        List<Transaction> journal = state.list();
        assertThat(journal).hasSize(2).allMatch(t -> t.state() == Transaction.State.COMMITTED);
        assertThat(journal.get(0).intents()).extracting(i -> i.change().getClass().getSimpleName()).containsExactly("OpenPortal", "PointResolvConf");
        assertThat(journal.get(1).intents()).extracting(i -> i.change().getClass().getSimpleName()).containsExactly("ClosePortal", "ResolvConfBack");
        PortalWindow.Step open = (PortalWindow.Step) journal.get(0).intents().get(0).change();
        PortalWindow.Step close = (PortalWindow.Step) journal.get(1).intents().get(0).change();
        assertThat(open.addresses()).containsExactly(ResolverLab.DHCP6_RESOLVER);
        assertThat(open.until()).isEqualTo(opened.until());
        assertThat(close.summary()).contains("closed by the kernel at " + opened.until());
        assertThat(portals().recover()).as("recorded once").isEmpty();
    }
}
