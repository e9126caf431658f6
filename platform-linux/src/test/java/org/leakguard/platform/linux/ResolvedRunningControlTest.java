package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * The resolvers control on a host whose /etc/resolv.conf systemd-resolved owns, judged by what the
 * running daemon answers over D-Bus (busctl 252's output captured from the real daemon, resources
 * resolved/), or by the file where it cannot be asked.
 */
class ResolvedRunningControlTest {
    private static final Spec PIN = Specs.resolversOnly(
            Specs.resolvers(List.of("corp.example"), true, "203.0.113.53", "2001:db8::53"));

    @TempDir
    Path tmp;

    private RootFiles root;
    private ScriptedCommands bus;
    private Clock clock = TestHosts.CLOCK;
    private final ResolversControl control = new ResolversControl();

    @BeforeEach
    void stubMode() throws Exception {
        root = new RootFiles(tmp)
                .file("/run/systemd/resolve/stub-resolv.conf", Fixtures.text("resolv/resolved-stub.conf"))
                .link("/etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");
    }

    /** The drop-in in place and the running daemon as busctl showed it: {@code hasOwner} and {@code manager} captures. */
    private Host runningWith(String hasOwner, String manager) throws Exception {
        return runningWith(ResolvedInEffectTest.PINNED, hasOwner, manager);
    }

    /**
     * As above, the drop-in for {@code pinned}; the daemon's pid is 22692, whose start is unknown
     * unless /proc is written; the lab's links (lo, lgc0, lgv0) hold no servers of their own
     * unless {@link #linkServers} says otherwise.
     */
    private Host runningWith(Resolvers pinned, String hasOwner, String manager) throws Exception {
        if (!ResolvedDropIn.render(pinned).equals(new LocalFiles(tmp).readString(ResolvedDropIn.PATH).orElse(null))) {
            root.file(ResolvedDropIn.PATH, ResolvedDropIn.render(pinned));
        }
        bus = new ScriptedCommands()
                .ok(ResolvedInEffectTest.capture(hasOwner), ResolvedBus.HAS_OWNER.toArray(String[]::new))
                .ok(ResolvedInEffectTest.capture("pid.json"), ResolvedBus.PID.toArray(String[]::new))
                .ok(Fixtures.text("resolved/ip-link-show-lab.json"), LinkChoice.LINKS.toArray(String[]::new));
        if (manager != null) {
            bus.ok(ResolvedInEffectTest.capture(manager), ResolvedBus.READ_GLOBAL.toArray(String[]::new));
        }
        return new Host(TestHosts.LINUX, new LocalFiles(tmp), bus, false, clock);
    }

    /** What busctl answers for links 2 and 3's own servers: a capture's name, or null for its failure on an unknown link. */
    private void linkServers(String link2, String link3) {
        String[] names = {link2, link3};
        for (int i = 0; i < names.length; i++) {
            String[] argv = ResolvedBus.readLinkServers(i + 2).toArray(String[]::new);
            if (names[i] == null) {
                bus.fail(1, Fixtures.text("resolved/busctl-252-link-4-unknown.txt").replace("_34", "_3" + (i + 2)), argv);
            } else {
                bus.ok(ResolvedInEffectTest.capture(names[i]), argv);
            }
        }
    }

    private static final Spec RUNNING_PIN = Specs.resolversOnly(ResolvedInEffectTest.PINNED);
    /** A local resolver pinned beside a remote one, as with unbound or dnscrypt-proxy on the host. */
    private static final Resolvers LOCAL = Specs.resolvers(List.of(), false, "127.0.0.1", "198.51.100.53");
    private static final Spec LOCAL_PIN = Specs.resolversOnly(LOCAL);

    @Test
    void aDropInTheRunningDaemonHoldsIsCompliantAndSaysItWasReadFromTheDaemon() throws Exception {
        Assessment a = control.plan(RUNNING_PIN, control.observe(RUNNING_PIN, runningWith("has-owner-true.json",
                "manager-pinned.json")));
        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings()).extracting(Finding::message).contains(ResolvedMessages.inEffect());
    }

    @Test
    void aDropInTheRunningDaemonHasNotReadIsNotCompliantWhereNothingCanRestartIt() throws Exception {
        Assessment a = control.plan(RUNNING_PIN, control.observe(RUNNING_PIN, runningWith("has-owner-true.json",
                "manager-defaults.json")));
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::message)
                .containsExactly(ResolvedDropIn.PATH + " is not in effect: the running systemd-resolved holds"
                        + " DNS [] instead of [198.51.100.53, 2001:db8::53]; Domains [] instead of [~., corp.example];"
                        + " LLMNR yes instead of no; MulticastDNS yes instead of no (read over D-Bus), so the pin does not hold"
                        + " until it restarts; restart systemd-resolved (no systemd runs here to do it: no /run/systemd/system),"
                        + " then run check again");
    }

    @Test
    void whereSystemdRunsApplyRestartsADaemonThatHasNotReadTheDropIn() throws Exception {
        root.dir("/run/systemd/system");
        Assessment a = control.plan(RUNNING_PIN, control.observe(RUNNING_PIN, runningWith("has-owner-true.json",
                "manager-defaults.json")));
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).containsExactly(new Reload(ResolvedPlan.RESTART, ResolvedMessages.STALE));
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("is not in effect")
                .endsWith("run `agent apply` again, which restarts it (systemctl restart systemd-resolved)"));
    }

    @Test
    void aDaemonThatDoesNotRunLeavesTheFileToJudgeAndTheReportSaysSo() throws Exception {
        Assessment a = control.plan(RUNNING_PIN, control.observe(RUNNING_PIN, runningWith("has-owner-false.json", null)));
        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.WARNING).extracting(Finding::message)
                .containsExactly("judged from the file " + ResolvedDropIn.PATH + " alone: systemd-resolved is not running (its"
                        + " name org.freedesktop.resolve1 is not on the system bus); it reads the drop-in when it starts");
    }

    /**
     * What the report after apply says: the row's findings are those of the plan read after the
     * changes. Without a bus and without systemd nothing shows the daemon read the drop-in.
     */
    @Test
    void afterApplyWithoutSystemdOrABusThePinIsNotCompliantAndTheReportSaysWhy() throws Exception {
        ScriptedCommands noBus = new ScriptedCommands()
                .fail(1, "Failed to connect to bus: No such file or directory\n", ResolvedBus.HAS_OWNER.toArray(String[]::new));
        Host host = TestHosts.online(tmp, noBus);
        AppliedChanges.apply(host, control.plan(PIN, control.observe(PIN, host)).changes());
        Assessment after = control.plan(PIN, control.observe(PIN, host));
        assertThat(after.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(after.changes()).isEmpty();
        assertThat(after.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::message)
                .containsExactly("judged from the file " + ResolvedDropIn.PATH + " alone: the system bus does not answer (busctl"
                        + " --json=short call...: Failed to connect to bus: No such file or directory), so whether"
                        + " systemd-resolved runs, and with which settings, is not known; no systemd runs here to restart"
                        + " systemd-resolved after the drop-in was written (no /run/systemd/system), so if it runs it keeps the"
                        + " servers it had until it is restarted by hand");
    }

    /** Its name was on the bus, then the read failed as it restarted: the file is judged, as where the bus does not answer. */
    @Test
    void aDaemonThatStopsAnsweringBetweenTheTwoReadsLeavesTheFileToJudge() throws Exception {
        String gone = "Failed to get property DNSEx on interface org.freedesktop.resolve1.Manager: The name"
                + " org.freedesktop.resolve1 was not provided by any .service files";
        Host host = runningWith("has-owner-true.json", null);
        bus.fail(1, gone + "\n", ResolvedBus.READ_GLOBAL.toArray(String[]::new));
        Assessment bare = control.plan(RUNNING_PIN, control.observe(RUNNING_PIN, host));
        assertThat(bare.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(bare.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::message)
                .containsExactly(ResolvedMessages.unread(ResolvedMessages.noAnswer(gone), false));

        root.dir("/run/systemd/system");
        Assessment withSystemd = control.plan(RUNNING_PIN, control.observe(RUNNING_PIN, host));
        assertThat(withSystemd.status()).isEqualTo(Status.COMPLIANT);
        assertThat(withSystemd.findings()).filteredOn(f -> f.severity() == Finding.Severity.WARNING).extracting(Finding::message)
                .containsExactly(ResolvedMessages.unread(ResolvedMessages.noAnswer(gone), true));
    }

    /** A first apply needs nothing from the daemon: a failing read of its settings does not stop the drop-in being written. */
    @Test
    void aFailingReadOfTheRunningSettingsDoesNotKeepTheFirstApplyFromWritingTheDropIn() throws Exception {
        ScriptedCommands restarting = new ScriptedCommands()
                .ok(ResolvedInEffectTest.capture("has-owner-true.json"), ResolvedBus.HAS_OWNER.toArray(String[]::new))
                .fail(1, "Failed to get property DNSEx on interface org.freedesktop.resolve1.Manager: The name"
                        + " org.freedesktop.resolve1 was not provided by any .service files\n", ResolvedBus.READ_GLOBAL.toArray(String[]::new));
        Assessment a = control.plan(PIN, control.observe(PIN, TestHosts.online(tmp, restarting)));
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).extracting(Change::target).containsExactly(ResolvedDropIn.PATH);
        assertThat(restarting.argvs()).isEmpty();
    }

    @Test
    void scopedServersThatWereNotComparedAreSaidSoNotReportedInEffect() throws Exception {
        Spec scoped = Specs.resolversOnly(ResolvedInEffectTest.SCOPED);
        Assessment a = control.plan(scoped, control.observe(scoped, runningWith(ResolvedInEffectTest.SCOPED,
                "has-owner-true.json", "manager-scoped.json")));
        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings()).extracting(Finding::message).doesNotContain(ResolvedMessages.inEffect())
                .contains(ResolvedMessages.scopedNotCompared(List.of("fe80::53%2")));
        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.WARNING).extracting(Finding::message)
                .containsExactly(ResolvedMessages.scopedNotCompared(List.of("fe80::53%2")));
    }

    @Test
    void aLocalResolverListedTwiceIsInEffectOnceTheDaemonRestarted() throws Exception {
        root.dir("/run/systemd/system");
        Spec loopback = Specs.resolversOnly(ResolvedInEffectTest.LOOPBACK);
        Host host = runningWith(ResolvedInEffectTest.LOOPBACK, "has-owner-true.json", "manager-loopback.json");
        linkServers("link-2-dnsex.json", "link-2-dnsex.json");
        Assessment a = control.plan(loopback, control.observe(loopback, host));
        assertThat(a.status()).as("%s", a.findings()).isEqualTo(Status.COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).extracting(Finding::message).contains(ResolvedMessages.inEffect(),
                ResolvedMessages.stubs(List.of("127.0.0.53")));
    }

    /**
     * manager-link-loopback.json: the pin read, and lgv0 (link 3) holding 127.0.0.1 of its own, as
     * NetworkManager hands it the pin per link; resolved lists that under lo as well.
     */
    @Test
    void aLinksOwnLocalhostServerIsNoExtraGlobalOne() throws Exception {
        root.dir("/run/systemd/system");
        Host host = runningWith(LOCAL, "has-owner-true.json", "manager-link-loopback.json");
        linkServers("link-2-dnsex.json", "link-3-dnsex.json");
        Assessment a = control.plan(LOCAL_PIN, control.observe(LOCAL_PIN, host));
        assertThat(a.status()).as("%s", a.findings()).isEqualTo(Status.COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).extracting(Finding::message).contains(ResolvedMessages.inEffect());

        Resolvers remote = Specs.resolvers(List.of(), false, "198.51.100.53");
        Spec without = Specs.resolversOnly(remote);
        host = runningWith(remote, "has-owner-true.json", "manager-link-loopback.json");
        linkServers("link-2-dnsex.json", "link-3-dnsex.json");
        Assessment stale = control.plan(without, control.observe(without, host));
        assertThat(stale.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::message)
                .as("the global 127.0.0.1 is still one").containsExactly(ResolvedMessages.notInEffect(List.of(
                        "DNS [127.0.0.1, 198.51.100.53] instead of [198.51.100.53]"), ResolvedMessages.Remedy.APPLY));
    }

    /** A link resolved does not answer for adds no server of its own: its localhost server counts as global, never hidden. */
    @Test
    void aLinkThatCannotBeReadLeavesItsLocalhostServerGlobal() throws Exception {
        Host host = runningWith(LOCAL, "has-owner-true.json", "manager-link-loopback.json");
        linkServers("link-2-dnsex.json", null);
        Assessment a = control.plan(LOCAL_PIN, control.observe(LOCAL_PIN, host));
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m)
                .contains("holds DNS [127.0.0.1, 198.51.100.53, 127.0.0.1] instead of [127.0.0.1, 198.51.100.53]"));
    }

    /** resolved drops its stub addresses from DNS=: a pin of those alone would hold no server, and the DHCP ones answer. */
    @Test
    void aPinOfTheStubAddressesAloneIsAnErrorAndChangesNothing() throws Exception {
        root.dir("/run/systemd/system");
        Spec stubs = Specs.resolversOnly(Specs.resolvers(List.of(), true, "127.0.0.53", "127.0.0.54"));
        Assessment a = control.plan(stubs, control.observe(stubs, TestHosts.online(tmp, new ScriptedCommands())));
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::message)
                .containsExactly(ResolvedMessages.onlyStubs(List.of("127.0.0.53", "127.0.0.54")));
        assertThat(ResolvedMessages.onlyStubs(List.of("127.0.0.53"))).contains("cannot be a pinned server under"
                + " systemd-resolved").contains("Pin the resolvers the stub should forward to instead");
    }

    /** 99-isp.conf as behind manager-overridden.json: its last DNS= is ours, its first adds a server the daemon holds. */
    @Test
    void aLaterDropInThatEndsWithOurServerButAddsAnotherIsNamedAndNotRestarted() throws Exception {
        root.dir("/run/systemd/system");
        Resolvers pinned = Specs.resolvers(List.of("corp.example"), false, "198.51.100.53");
        Host host = runningWith(pinned, "has-owner-true.json", "manager-overridden.json");
        root.file("/etc/systemd/resolved.conf.d/99-isp.conf", "[Resolve]\nDNS=192.0.2.9\nDNS=198.51.100.53\n");
        Spec spec = Specs.resolversOnly(pinned);
        Assessment a = control.plan(spec, control.observe(spec, host));
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::message)
                .containsExactly(ResolvedMessages.overridden("/etc/systemd/resolved.conf.d/99-isp.conf",
                        List.of("DNS=192.0.2.9 198.51.100.53")), ResolvedMessages.notInEffect(List.of(
                        "DNS [198.51.100.53, 192.0.2.9] instead of [198.51.100.53]"), ResolvedMessages.Remedy.OVERRIDDEN));
    }

    /**
     * A daemon that started after the drop-in was written read it: restarting it again would loop.
     * apply restarts it a fraction of a second after the write, and its verification sees that.
     */
    @Test
    void aDaemonThatStartedJustAfterTheDropInAndDiffersGetsNoRestart() throws Exception {
        Instant written = writtenAndStartedAt(Duration.ofMillis(100), null);
        Instant started = written.plusMillis(100);
        Assessment a = control.plan(RUNNING_PIN, control.observe(RUNNING_PIN, runningWith("has-owner-true.json",
                "manager-defaults.json")));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).as("a restart reads the same drop-in again").isEmpty();
        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::message)
                .containsExactly(ResolvedMessages.differsAfterStart(List.of("DNS [] instead of [198.51.100.53, 2001:db8::53]",
                        "Domains [] instead of [~., corp.example]", "LLMNR yes instead of no", "MulticastDNS yes instead of no"),
                        started, written));

        writtenAndStartedAt(Duration.ZERO, null);
        Assessment same = control.plan(RUNNING_PIN, control.observe(RUNNING_PIN, runningWith("has-owner-true.json",
                "manager-defaults.json")));
        assertThat(same.changes()).as("written as it started: not shown to be read").containsExactly(
                new Reload(ResolvedPlan.RESTART, ResolvedMessages.STALE));
    }

    /** A drop-in copied into place with its old times (cp -p) was still written after the daemon started: it gets its restart. */
    @Test
    void aBackDatedDropInWrittenAfterTheStartStillGetsItsRestart() throws Exception {
        writtenAndStartedAt(Duration.ofSeconds(-1), Instant.parse("2020-01-01T00:00:00Z"));
        Assessment a = control.plan(RUNNING_PIN, control.observe(RUNNING_PIN, runningWith("has-owner-true.json",
                "manager-defaults.json")));
        assertThat(a.changes()).containsExactly(new Reload(ResolvedPlan.RESTART, ResolvedMessages.STALE));
    }

    /**
     * Writes the drop-in, and /proc so that the daemon (pid 22692, as pid 25102 was captured: 1.31 s
     * before its uptime was read) started {@code after} its inode changed; returns that change time.
     *
     * @param modified the file's modification time to set, as {@code cp -p} keeps the original's; null for none
     */
    private Instant writtenAndStartedAt(Duration after, Instant modified) throws Exception {
        root.dir("/run/systemd/system");
        root.file(ResolvedDropIn.PATH, ResolvedDropIn.render(ResolvedInEffectTest.PINNED));
        if (modified != null) {
            java.nio.file.Files.setLastModifiedTime(root.path(ResolvedDropIn.PATH), FileTime.from(modified));
        }
        Instant written = new LocalFiles(tmp).changed(ResolvedDropIn.PATH).orElseThrow();
        clock = Clock.fixed(written.plus(after).plusMillis(1310), ZoneOffset.UTC);
        // The captured boot time moved with the clock (uptime 20665.70 s), as btime is checked against it.
        long btime = clock.instant().minusMillis(20665_700).getEpochSecond();
        root.file("/proc/22692/stat", Fixtures.text("resolved/proc-25102-stat"))
                .file("/proc/uptime", Fixtures.text("resolved/proc-uptime"))
                .file("/proc/stat", Fixtures.text("resolved/proc-stat").replaceFirst("(?m)^btime \\d+$", "btime " + btime));
        return written;
    }

    @Test
    void aLaterDropInThatTheDaemonHoldsIsNamedAndNotRestartedForever() throws Exception {
        root.dir("/run/systemd/system");
        Host host = runningWith("has-owner-true.json", "manager-other.json");
        root.file("/etc/systemd/resolved.conf.d/99-isp.conf", "[Resolve]\nDNS=192.0.2.9\n");
        Assessment a = control.plan(RUNNING_PIN, control.observe(RUNNING_PIN, host));
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).as("a restart would read the same override again").isEmpty();
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("99-isp.conf"))
                .anySatisfy(m -> assertThat(m).contains("is not in effect").endsWith("remove the overriding settings named above,"
                        + " then restart systemd-resolved"));
    }

    /** NetworkManager giving lgv0 its own 127.0.0.1 while the links are read: the list is read again until it holds still. */
    @Test
    void aGlobalListThatChangesWhileTheLinksAreReadIsReadAgain() throws Exception {
        root.dir("/run/systemd/system");
        Host host = runningWith(LOCAL, "has-owner-true.json", "manager-loopback.json");
        bus.ok(ResolvedInEffectTest.capture("manager-link-loopback.json"), ResolvedBus.READ_GLOBAL.toArray(String[]::new));
        linkServers("link-2-dnsex.json", "link-3-dnsex.json");
        Assessment a = control.plan(LOCAL_PIN, control.observe(LOCAL_PIN, host));
        assertThat(a.status()).as("%s", a.findings()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings()).extracting(Finding::message).contains(ResolvedMessages.inEffect());
    }

    /** A list that never holds still across the links' reads is not taken as read: the file is judged, and the report says why. */
    @Test
    void aGlobalListThatNeverHoldsStillIsNotTakenAsRead() throws Exception {
        root.dir("/run/systemd/system");
        Host host = runningWith(LOCAL, "has-owner-true.json", "manager-loopback.json");
        String[] read = ResolvedBus.READ_GLOBAL.toArray(String[]::new);
        bus.ok(ResolvedInEffectTest.capture("manager-link-loopback.json"), read)
                .ok(ResolvedInEffectTest.capture("manager-loopback.json"), read)
                .ok(ResolvedInEffectTest.capture("manager-link-loopback.json"), read);
        linkServers("link-2-dnsex.json", "link-3-dnsex.json");
        Assessment a = control.plan(LOCAL_PIN, control.observe(LOCAL_PIN, host));
        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.WARNING).extracting(Finding::message)
                .contains(ResolvedMessages.unread(ResolvedMessages.unsettled(3), true));
    }

    /** Without ip (or with output it does not write) no link is known: the localhost entries count as global, nothing is unknown. */
    @Test
    void noIpLeavesTheLocalhostEntriesGlobalNotTheCheckUnknown() throws Exception {
        Host host = runningWith(LOCAL, "has-owner-true.json", "manager-link-loopback.json");
        bus.missing("ip");
        Assessment a = control.plan(LOCAL_PIN, control.observe(LOCAL_PIN, host));
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m)
                .contains("holds DNS [127.0.0.1, 198.51.100.53, 127.0.0.1] instead of [127.0.0.1, 198.51.100.53]"));
    }
}
