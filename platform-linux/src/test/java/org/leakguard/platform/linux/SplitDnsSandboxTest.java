package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.ExecCommands;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Status;

/**
 * Routing by domain with the real systemd-resolved: after apply, a corporate name is answered by
 * the corporate resolver through the VPN link and any other name by the pinned resolver, each
 * resolver's log holds only its own names; a reboot, after which resolved has forgotten the
 * per-link settings, is a drift the next plan repairs; rollback gives the VPN link back the
 * settings it had.
 */
@Tag("sandbox")
class SplitDnsSandboxTest {
    /** What a VPN client had set on its link before leakguard: its own server and a search domain. */
    private static final LinkDns VPN_OWN = new LinkDns(List.of("203.0.113.99"), List.of("vpn.example"));

    @TempDir
    Path tmp;

    private Path unpacked;

    @BeforeEach
    void tools() {
        String[] tools = {"dnsmasq", "dbus-daemon", "busctl", "nsenter", "unshare", "mount", "ip", "dig", "getent", "apt-get",
            "dpkg"};
        assumeTrue(Sandbox.usable(tools), Sandbox.why(tools));
        unpacked = UnpackedDeb.require("systemd-resolved", "libsystemd-shared");
    }

    @Test
    void corporateNamesGoOnlyToTheCorporateResolverAndEveryOtherNameOnlyToThePinnedOne() throws Exception {
        try (SplitDnsLab lab = SplitDnsLab.start(tmp, unpacked)) {
            Host host = lab.host();
            host.commands().run(Command.of("resolvectl", "dns", "lgv0", "203.0.113.99"));
            host.commands().run(Command.of("resolvectl", "domain", "lgv0", "vpn.example"));
            host.commands().run(Command.of("resolvectl", "dnsovertls", "lgv0", "opportunistic"));
            int lgv0 = linkIndex(lab);
            assertThat(lab.links().orElseThrow().get(lgv0)).isEqualTo(VPN_OWN);
            assertThat(lab.tls(lgv0)).isEqualTo("opportunistic");

            Spec spec = Specs.resolversOnly(Specs.routed(List.of(), List.of(Specs.route("corp.example", SplitDnsLab.CORP)),
                    SplitDnsLab.PINNED));
            ResolversControl control = new ResolversControl();
            Assessment first = control.plan(spec, control.observe(spec, host));
            assertThat(first.findings()).extracting(f -> f.message()).noneMatch(m -> m.contains("needs a local stub"));
            assertThat(first.changes()).extracting(Change::target).contains(ResolvedDropIn.PATH,
                    "systemd-resolved link lgv0", SplitDnsBoot.UNIT, SplitDnsBoot.DROP_IN);
            AppliedChanges applied = AppliedChanges.apply(host, first.changes());
            assertThat(lab.links().orElseThrow().get(lgv0))
                    .isEqualTo(new LinkDns(List.of(SplitDnsLab.CORP), List.of("~corp.example")));
            assertThat(lab.tls(lgv0)).as("routed names in plain DNS").isEqualTo("no");

            // systemd restarts resolved after the drop-in (here the test does), which keeps the link's settings.
            lab.restartResolved(false);
            assertThat(lab.links().orElseThrow().get(lgv0).domains()).containsExactly("~corp.example");
            // A reboot does not: resolved starts with an empty /run.
            lab.restartResolved(true);
            Assessment drift = control.plan(spec, control.observe(spec, host));
            assertThat(drift.status()).isEqualTo(Status.NON_COMPLIANT);
            assertThat(drift.changes()).extracting(Change::target).containsExactly("systemd-resolved link lgv0");
            AppliedChanges repaired = AppliedChanges.apply(host, drift.changes());
            Assessment held = control.plan(spec, control.observe(spec, host));
            assertThat(held.changes()).as("%s", held.findings()).isEmpty();
            assertThat(DiagnosisRouting.run(host).summary()).as("agent diagnose").isEqualTo("names routed by domain: [corp.example]"
                    + " -> Link " + lgv0 + " (lgv0) [" + SplitDnsLab.CORP + "]; every other name: Global [" + SplitDnsLab.PINNED + "]");

            assertThat(lab.getent("intranet.corp.example")).isEqualTo(SplitDnsLab.CORP_ANSWER);
            assertThat(lab.getent("www.example.org")).isEqualTo(SplitDnsLab.PINNED_ANSWER);
            assertThat(lab.getent("wiki.corp.example")).isEqualTo(SplitDnsLab.CORP_ANSWER);
            assertThat(lab.asked("corp")).contains("intranet.corp.example", "wiki.corp.example").doesNotContain("example.org");
            assertThat(lab.asked("pinned")).contains("www.example.org").doesNotContain("corp.example");

            repaired.rollBack();
            applied.rollBack();
            Map<Integer, LinkDns> after = lab.links().orElseThrow();
            assertThat(after.get(lgv0)).as("the VPN link's own settings are back").isEqualTo(VPN_OWN);
            assertThat(lab.tls(lgv0)).isEqualTo("opportunistic");
            for (String path : List.of(ResolvedDropIn.PATH, SplitDnsBoot.UNIT, SplitDnsBoot.DROP_IN)) {
                assertThat(host.files().exists(path)).as(path).isFalse();
            }
        }
    }

    /** The watch's loop in small: the feed wakes it, a plan finds the drift, its change repairs it. */
    @Test
    void aProgramSettingTheRouteLinksDnsWakesTheWatchFeedAndThePlanRepairsIt() throws Exception {
        try (SplitDnsLab lab = SplitDnsLab.start(tmp, unpacked)) {
            Host host = lab.host();
            Spec spec = Specs.resolversOnly(Specs.routed(List.of(), List.of(Specs.route("corp.example", SplitDnsLab.CORP)),
                    SplitDnsLab.PINNED));
            ResolversControl control = new ResolversControl();
            AppliedChanges.apply(host, control.plan(spec, control.observe(spec, host)).changes());
            lab.restartResolved(false);
            assertThat(lab.getent("before.corp.example")).isEqualTo(SplitDnsLab.CORP_ANSWER);

            CountDownLatch woken = new CountDownLatch(1);
            var feed = ExecCommands.follow(lab.inside(ResolvedBus.MONITOR.argv()), line -> {
                if (ResolvedBus.MONITOR.relevant(line)) {
                    woken.countDown();
                }
            });
            try {
                // NetworkManager reconnecting the VPN puts the link's own settings back. The call is
                // repeated until busctl, which takes a while to become a monitor, has seen one.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                do {
                    host.commands().run(Command.of("resolvectl", "dns", "lgv0", "203.0.113.99"));
                } while (!woken.await(500, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline);
                assertThat(woken.getCount()).as("the feed saw SetLinkDNS").isZero();
                host.commands().run(Command.of("resolvectl", "domain", "lgv0", "vpn.example"));
            } finally {
                feed.close();
            }
            assertThat(lab.getent("lost.corp.example")).as("the reconnect sent a corporate name to the pinned resolver")
                    .isEqualTo(SplitDnsLab.PINNED_ANSWER);
            Assessment drift = control.plan(spec, control.observe(spec, host));
            assertThat(drift.changes()).extracting(Change::target).containsExactly("systemd-resolved link lgv0");
            AppliedChanges.apply(host, drift.changes());
            assertThat(lab.getent("after.corp.example")).isEqualTo(SplitDnsLab.CORP_ANSWER);
            assertThat(lab.asked("pinned")).contains("lost.corp.example").doesNotContain("before.corp.example", "after.corp.example");
        }
    }

    @Test
    void routesWithoutPinnedServersSetOnlyTheRouteLinks() throws Exception {
        try (SplitDnsLab lab = SplitDnsLab.start(tmp, unpacked)) {
            Host host = lab.host();
            Spec spec = Specs.resolversOnly(Specs.routed(List.of(), List.of(Specs.route("corp.example", SplitDnsLab.CORP))));
            ResolversControl control = new ResolversControl();
            assertThat(control.governs(spec)).isTrue();
            Assessment plan = control.plan(spec, control.observe(spec, host));
            assertThat(plan.changes()).extracting(Change::target).contains("systemd-resolved link lgv0")
                    .doesNotContain(ResolvedDropIn.PATH, ResolvConf.PATH);
            AppliedChanges applied = AppliedChanges.apply(host, plan.changes());
            assertThat(lab.getent("only.corp.example")).isEqualTo(SplitDnsLab.CORP_ANSWER);
            assertThat(control.plan(spec, control.observe(spec, host)).changes()).isEmpty();
            applied.rollBack();
            assertThat(lab.links().orElseThrow().values()).noneMatch(l -> l.domains().contains("~corp.example"));
        }
    }

    @Test
    void withResolvedStoppedTheRoutedPolicyIsRefusedAndCheckSaysWhy() throws Exception {
        try (SplitDnsLab lab = SplitDnsLab.start(tmp, unpacked)) {
            lab.stopResolved();
            Host host = lab.host();
            Spec spec = Specs.resolversOnly(Specs.routed(List.of(), List.of(Specs.route("corp.example", SplitDnsLab.CORP)),
                    SplitDnsLab.PINNED));
            assertThat(new LinuxPlatform().cannotApply(spec, host)).hasValueSatisfying(why -> assertThat(why)
                    .contains("needs a local stub resolver", "which does not answer on the system bus"));
            ResolversControl control = new ResolversControl();
            Assessment plan = control.plan(spec, control.observe(spec, host));
            assertThat(plan.status()).isEqualTo(Status.NON_COMPLIANT);
            assertThat(plan.changes()).extracting(Change::target).doesNotContain("systemd-resolved link lgv0");
        }
    }

    private static int linkIndex(SplitDnsLab lab) throws Exception {
        var r = lab.host().commands().run(new Command(LinkChoice.LINKS, null, null));
        return LinkChoice.parseLinks(r.stdout()).entrySet().stream().filter(e -> e.getValue().equals("lgv0"))
                .findFirst().orElseThrow().getKey();
    }
}
