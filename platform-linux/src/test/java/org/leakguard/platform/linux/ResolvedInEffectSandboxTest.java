package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * check judges the pin by what the real systemd-resolved runs with, read over its own D-Bus, not by
 * the drop-in file: a drop-in written but not yet read is non-compliant, and the pinned resolver is
 * indeed not asked until the daemon restarts; once it has, compliant; with the daemon stopped, the
 * file alone is judged and the report says so. No systemd runs here, as on a host without it.
 */
@Tag("sandbox")
class ResolvedInEffectSandboxTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path tmp;

    @Test
    void checkFollowsTheRunningDaemonAndTheFileOnlyWhereNoDaemonAnswers() throws Exception {
        try (SplitDnsLab lab = lab()) {
            Host host = lab.host();
            Spec spec = Specs.resolversOnly(Specs.resolvers(List.of("corp.example"), false, SplitDnsLab.PINNED));
            ResolversControl control = new ResolversControl();
            Assessment first = control.plan(spec, control.observe(spec, host));
            assertThat(first.changes()).extracting(Change::target).containsExactly(ResolvedDropIn.PATH);
            AppliedChanges.apply(host, first.changes());

            // Written, not read: the daemon still runs with no server, so the pinned resolver is never asked.
            Assessment unread = control.plan(spec, control.observe(spec, host));
            assertThat(unread.status()).isEqualTo(Status.NON_COMPLIANT);
            assertThat(unread.changes()).isEmpty();
            assertThat(errors(unread)).containsExactly(ResolvedDropIn.PATH + " is not in effect: the running systemd-resolved"
                    + " holds DNS [] instead of [" + SplitDnsLab.PINNED + "]; Domains [] instead of [~., corp.example];"
                    + " LLMNR yes instead of no; MulticastDNS yes instead of no (read over D-Bus), so the pin does not hold until"
                    + " it restarts; restart systemd-resolved (no systemd runs here to do it: no /run/systemd/system), then run"
                    + " check again");
            String before = fresh();
            lab.getent(before);
            assertThat(lab.asked("pinned")).as("the drop-in was not in effect").doesNotContain(before);

            // Where systemd runs, apply restarts the daemon: the plan is that restart alone.
            run(host, "mkdir", "-p", HostReads.SYSTEMD_RUNNING);
            Assessment withSystemd = control.plan(spec, control.observe(spec, host));
            run(host, "rmdir", HostReads.SYSTEMD_RUNNING);
            assertThat(withSystemd.changes()).containsExactly(new Reload(ResolvedPlan.RESTART, ResolvedMessages.STALE));

            lab.restartResolved(false);
            Assessment read = control.plan(spec, control.observe(spec, host));
            assertThat(read.status()).as("%s", read.findings()).isEqualTo(Status.COMPLIANT);
            assertThat(read.findings()).extracting(Finding::message).contains(ResolvedMessages.inEffect());
            String after = fresh();
            assertThat(lab.getent(after)).isEqualTo(SplitDnsLab.PINNED_ANSWER);
            assertThat(lab.asked("pinned")).contains(after);

            lab.stopResolved();
            Assessment stopped = control.plan(spec, control.observe(spec, host));
            assertThat(stopped.status()).isEqualTo(Status.COMPLIANT);
            assertThat(stopped.findings()).filteredOn(f -> f.severity() == Finding.Severity.WARNING).extracting(Finding::message)
                    .containsExactly("judged from the file " + ResolvedDropIn.PATH + " alone: systemd-resolved is not running (its"
                            + " name org.freedesktop.resolve1 is not on the system bus); it reads the drop-in when it starts");
        }
    }

    /**
     * A local resolver (listed by resolved under the loopback link), listed twice, beside a search
     * domain in two spellings: once the daemon restarted it holds the pin, each once, and check says
     * so, so apply's verification does not roll it back.
     */
    @Test
    void aLocalResolverListedTwiceIsInEffectOnceTheDaemonRestarted() throws Exception {
        try (SplitDnsLab lab = lab()) {
            Host host = lab.host();
            Spec spec = Specs.resolversOnly(Specs.resolvers(List.of("corp.example", "Corp.Example"), false, "127.0.0.1",
                    SplitDnsLab.PINNED, "127.0.0.1"));
            ResolversControl control = new ResolversControl();
            AppliedChanges.apply(host, control.plan(spec, control.observe(spec, host)).changes());
            lab.restartResolved(false);

            Assessment read = control.plan(spec, control.observe(spec, host));
            assertThat(read.status()).as("%s", read.findings()).isEqualTo(Status.COMPLIANT);
            assertThat(read.changes()).isEmpty();
            assertThat(read.findings()).extracting(Finding::message).contains(ResolvedMessages.inEffect());
            // Split DNS reads the same list: the loopback entries are global ones, not link lo's.
            assertThat(lab.links().orElseThrow()).doesNotContainKey(ResolvedBus.LOOPBACK)
                    .containsEntry(ResolvedBus.GLOBAL, new LinkDns(List.of("127.0.0.1", SplitDnsLab.PINNED),
                            List.of("~.", "corp.example")));
        }
    }

    /**
     * resolved lists a link's own localhost server under the loopback link too, as NetworkManager
     * handing it the pin per link makes it: a pin without that server is in effect, and one with it
     * is not until the daemon restarts, however many times the links list it.
     */
    @Test
    void aLinksOwnLocalhostServerIsNoGlobalOne() throws Exception {
        try (SplitDnsLab lab = lab()) {
            Host host = lab.host();
            ResolversControl control = new ResolversControl();
            Spec remote = Specs.resolversOnly(Specs.resolvers(List.of(), false, SplitDnsLab.PINNED));
            AppliedChanges.apply(host, control.plan(remote, control.observe(remote, host)).changes());
            lab.restartResolved(false);
            run(host, "resolvectl", "dns", "lgv0", "127.0.0.1");

            Assessment without = control.plan(remote, control.observe(remote, host));
            assertThat(without.status()).as("%s", without.findings()).isEqualTo(Status.COMPLIANT);
            assertThat(without.changes()).isEmpty();

            Spec local = Specs.resolversOnly(Specs.resolvers(List.of(), false, "127.0.0.1", SplitDnsLab.PINNED));
            AppliedChanges.apply(host, control.plan(local, control.observe(local, host)).changes());
            Assessment unread = control.plan(local, control.observe(local, host));
            assertThat(unread.status()).isEqualTo(Status.NON_COMPLIANT);
            assertThat(errors(unread)).singleElement().asString().contains("holds DNS [" + SplitDnsLab.PINNED + "] instead of"
                    + " [127.0.0.1, " + SplitDnsLab.PINNED + "]");

            lab.restartResolved(false);
            Assessment read = control.plan(local, control.observe(local, host));
            assertThat(read.status()).as("%s", read.findings()).isEqualTo(Status.COMPLIANT);
            assertThat(read.changes()).isEmpty();
            assertThat(read.findings()).extracting(Finding::message).contains(ResolvedMessages.inEffect());
        }
    }

    /** The lab with the real resolved, or the test skipped where its tools are missing. */
    private SplitDnsLab lab() throws Exception {
        String[] tools = {"dnsmasq", "dbus-daemon", "busctl", "nsenter", "unshare", "mount", "ip", "dig", "getent", "apt-get",
            "dpkg"};
        assumeTrue(Sandbox.usable(tools), Sandbox.why(tools));
        return SplitDnsLab.start(tmp, UnpackedDeb.require("systemd-resolved", "libsystemd-shared"));
    }

    private static List<String> errors(Assessment a) {
        return a.findings().stream().filter(f -> f.severity() == Finding.Severity.ERROR).map(Finding::message).toList();
    }

    private static void run(Host host, String... argv) throws Exception {
        Sandbox.check(host.commands().run(Command.of(argv)), argv);
    }

    private static String fresh() {
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id) + ".leaktest.example";
    }
}
