package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.engine.ChangeJournal;
import org.leakguard.agent.engine.Transaction;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.portal.Portals;

/**
 * The window on a host with a plain resolv.conf, against real nft, a real dhclient lease and
 * dnsmasq as the hotel's resolver: while it is open, glibc's own lookup (getent, through the
 * resolv.conf the window wrote) is answered by the leased resolver; once the kernel closes it, the
 * same lookup never reaches that resolver, and the next run puts the file back byte for byte.
 */
@Tag("sandbox")
class PortalResolvConfSandboxTest extends PortalLabTest {
    private static final String NAME = "portal.hotel.example";

    private Path resolvConf;
    private String pinned;

    @BeforeEach
    void up() throws Exception {
        List<String> tools = List.of("nft", "ip", "dnsmasq", "dig", "dhclient", "getent", "unshare", "mount");
        assumeTrue(Sandbox.usable(tools.toArray(String[]::new)), Sandbox.why(tools.toArray(String[]::new)));
        lab = ResolverLab.start(tmp);
        Path root = tmp.resolve("root");
        host = VpnLaptop.host(root, new NetnsCommands(lab.laptop()));
        lab.lease(root.resolve("var/lib/dhcp/dhclient.leases"));
        policy = VpnLaptop.policy(null, "10m");
        VpnLaptop.applyFirewall(policy, host);
        // As the resolvers control pins it; one short try per server keeps a lookup that fails to a second.
        pinned = ResolvConf.pin("options timeout:1 attempts:1\n", List.of(ResolverLab.PINNED), List.of());
        resolvConf = root.resolve("etc/resolv.conf");
        Files.writeString(resolvConf, pinned);
        state = VpnLaptop.portalState(tmp);
    }

    /** getent on the laptop, its /etc/resolv.conf the host's file under the temporary root. */
    private CommandResult getent(String name) throws Exception {
        return lab.getent(resolvConf, name);
    }

    /** What the resolvers control would write to resolv.conf now, as apply and watch plan it. */
    private List<String> resolvConfChanges() throws Exception {
        ResolversControl control = new ResolversControl();
        var spec = policy.policy().spec();
        return control.plan(spec, control.observe(spec, host)).changes().stream()
                .filter(c -> c.target().equals(ResolvConf.PATH)).map(c -> c.summary()).toList();
    }

    private long asked(String name) {
        return lab.queryLog().lines().filter(l -> l.contains("query[") && l.contains(" " + name + " ")).count();
    }

    @Test
    void theLeasedResolverAnswersTheSystemLookupOnlyWhileTheKernelHoldsTheWindow() throws Exception {
        assertThat(getent(NAME).ok()).as("before the window: the pinned server, which does not answer here").isFalse();
        assertThat(asked(NAME)).isZero();

        Portals.Opened opened = portals().open(policy, VpnLaptop.SHORT_WINDOW);
        assertThat(Files.readString(resolvConf)).contains("nameserver " + ResolverLab.DHCP_RESOLVER + "\nnameserver "
                + ResolverLab.PINNED + "\n").contains("options timeout:1 attempts:1");
        CommandResult during = getent(NAME);
        assertThat(during.ok()).isTrue();
        assertThat(during.stdout()).contains("192.0.2.80").contains(NAME);
        assertThat(resolvConfChanges()).as("apply and watch leave the window's file while the kernel holds the window").isEmpty();
        long answered = asked(NAME);
        assertThat(answered).as("the leased resolver was asked").isPositive();
        assertThat(lab.queryLog()).contains(NAME + " from 198.51.100.");

        // No agent runs: the kernel drops the element, and the file still names the leased resolver first.
        DhcpLab.await("the kernel closing the window", VpnLaptop.CLOSE_WITHIN_SECONDS, () -> VpnLaptop.windowClosed(host));
        assertThat(Files.readString(resolvConf)).contains("nameserver " + ResolverLab.DHCP_RESOLVER);
        assertThat(resolvConfChanges()).as("after the end the file is drift, which watch repairs").hasSize(1);
        long started = System.nanoTime();
        assertThat(getent(NAME).ok()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("rejected at once, then one short try of the pinned server")
                .isLessThan(Duration.ofSeconds(4));
        assertThat(asked(NAME)).as("nothing new reached the leased resolver").isEqualTo(answered);

        // The first run after records the close and puts the file back exactly.
        assertThat(portals().recover()).singleElement().satisfies(s -> assertThat(s).contains("closed by the kernel at " + opened.until()));
        assertThat(Files.readString(resolvConf)).isEqualTo(pinned);
        List<Transaction> journal = state.list();
        assertThat(journal).hasSize(2);
        assertThat(journal.get(0).intents()).extracting(i -> i.change().getClass().getSimpleName()).containsExactly("OpenPortal", "PointResolvConf");
        assertThat(journal.get(1).intents()).extracting(i -> i.change().getClass().getSimpleName()).containsExactly("ClosePortal", "ResolvConfBack");
        assertThat(portals().recover()).as("put back once").isEmpty();
        assertThat(Files.readString(resolvConf)).isEqualTo(pinned);
    }

    @Test
    void closeAndUndoPutTheFileBackAndAFileRewrittenSinceIsLeftAlone() throws Exception {
        Files.setPosixFilePermissions(resolvConf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        portals().open(policy, Duration.ofSeconds(60));
        assertThat(getent(NAME).ok()).isTrue();
        assertThat(portals().close(policy)).singleElement().satisfies(s -> assertThat(s).contains("closed early"));
        assertThat(Files.readString(resolvConf)).isEqualTo(pinned);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(resolvConf))).isEqualTo("rw-r-----");

        // An opening undone by the journal: the file is back as well.
        Portals.Opened again = portals().open(policy, Duration.ofSeconds(60));
        ChangeJournal journal = new ChangeJournal(host, state, Clock.systemUTC());
        Transaction tx = journal.all().stream().filter(t -> t.id().equals(again.transaction())).findFirst().orElseThrow();
        assertThat(journal.undo(tx, "test")).isEmpty();
        assertThat(Files.readString(resolvConf)).isEqualTo(pinned);

        // Opened twice: the second opening replaces the first, and the close still puts back the file before either.
        portals().open(policy, Duration.ofSeconds(60));
        portals().open(policy, Duration.ofSeconds(60));
        assertThat(ResolvConf.parseNameservers(Files.readString(resolvConf))).containsExactly(ResolverLab.DHCP_RESOLVER, ResolverLab.PINNED);
        portals().close(policy);
        assertThat(Files.readString(resolvConf)).isEqualTo(pinned);

        // Something rewrote the file during the window: the close leaves what it wrote.
        portals().open(policy, Duration.ofSeconds(60));
        String theirs = "nameserver " + ResolverLab.OTHER + "\n";
        Files.writeString(resolvConf, theirs);
        portals().close(policy);
        assertThat(Files.readString(resolvConf)).isEqualTo(theirs);
    }
}
