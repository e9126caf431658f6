package org.leakguard.platform.linux;

import org.leakguard.agent.spi.ControlContract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** The resolvers control on a host whose /etc/resolv.conf systemd-resolved owns. */
class ResolvedControlTest {
    private static final Spec PIN = Specs.resolversOnly(
            Specs.resolvers(List.of("corp.example"), true, "203.0.113.53", "2001:db8::53"));
    private static final String STUB = "../run/systemd/resolve/stub-resolv.conf";

    @TempDir
    Path tmp;

    private RootFiles root;
    private final ResolversControl control = new ResolversControl();
    private final ScriptedCommands commands = new ScriptedCommands();

    @BeforeEach
    void stubMode() throws Exception {
        root = new RootFiles(tmp)
                .file("/run/systemd/resolve/stub-resolv.conf", Fixtures.text("resolv/resolved-stub.conf"))
                .link("/etc/resolv.conf", STUB);
        // resolved does not run: the drop-in is judged from the file, which it reads when it starts.
        commands.ok(ResolvedInEffectTest.capture("has-owner-false.json"), ResolvedBus.HAS_OWNER.toArray(String[]::new));
    }

    private Host host() {
        return TestHosts.online(tmp, commands);
    }

    @Test
    void dropInThenRestartWhereSystemdRunsAndTheStubLinkStays() throws Exception {
        root.dir("/run/systemd/system");
        commands.ok("", "systemctl", "restart", "systemd-resolved");

        Assessment a = ControlContract.holds(control, PIN, host());

        assertThat(a.changes()).extracting(Change::target)
                .containsExactly(ResolvedDropIn.PATH, "systemctl restart systemd-resolved");
        assertThat(a.changes().get(1)).isEqualTo(new Reload(ResolvedPlan.RESTART, ResolvedMessages.RESTART));
        assertThat(((WriteFile) a.changes().get(0)).text()).contains("DNS=203.0.113.53 2001:db8::53\n")
                .contains("Domains=~. corp.example\n").contains("FallbackDNS=\n").contains("LLMNR=no\n");
        assertThat(commands.argvs()).filteredOn(argv -> !argv.equals(ResolvedBus.HAS_OWNER)).containsExactly(ResolvedPlan.RESTART);
        assertThat(root.exists(ResolvedDropIn.PATH)).as("undone").isFalse();
        assertThat(java.nio.file.Files.readSymbolicLink(root.path("/etc/resolv.conf"))).isEqualTo(Path.of(STUB));
    }

    @Test
    void withoutSystemdNothingIsRestartedAndThePersonIsTold() throws Exception {
        Assessment a = ControlContract.holds(control, PIN, host());

        assertThat(a.changes()).extracting(Change::target).containsExactly(ResolvedDropIn.PATH);
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).contains("systemd is not running").contains("restart systemd-resolved");
        });
        assertThat(commands.argvs()).as("only the bus was asked").containsOnly(ResolvedBus.HAS_OWNER);
    }

    @Test
    void anOfflineImageGetsTheDropInAndNoRestart() throws Exception {
        root.dir("/run/systemd/system");
        Assessment a = ControlContract.holds(control, PIN, TestHosts.offline(tmp));
        assertThat(a.changes()).extracting(Change::target).containsExactly(ResolvedDropIn.PATH);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("when this image boots"));
    }

    @Test
    void aLaterDropInThatAddsAServerKeepsTheHostNonCompliant() throws Exception {
        root.file("/etc/systemd/resolved.conf.d/99-isp.conf", "[Resolve]\nDNS=198.51.100.53\n")
                .file("/usr/lib/systemd/resolved.conf.d/10-vendor.conf", "[Resolve]\nLLMNR=yes\n");

        Assessment a = control.plan(PIN, control.observe(PIN, host()));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("/etc/systemd/resolved.conf.d/99-isp.conf")
                        .contains("DNS=198.51.100.53"));
    }

    @Test
    void uplinkModeAlsoGetsAPlainResolvConf() throws Exception {
        java.nio.file.Files.delete(root.path("/etc/resolv.conf"));
        root.file("/run/systemd/resolve/resolv.conf", "nameserver 198.51.100.53\n")
                .link("/etc/resolv.conf", "/run/systemd/resolve/resolv.conf");

        Assessment a = ControlContract.holds(control, PIN, host());

        assertThat(a.changes()).extracting(Change::target).containsExactly(ResolvedDropIn.PATH, ResolvConf.PATH);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("uplink list"));
    }

    @Test
    void dotIsAppliedThroughResolvedAndHolds() throws Exception {
        Spec dot = Specs.resolversOnly(new Resolvers(Specs.ips("203.0.113.53"), List.of(), null, true,
                Encryption.DOT, "dns.corp.example", null));

        Assessment a = ControlContract.holds(control, dot, host());

        assertThat(((WriteFile) a.changes().get(0)).text()).contains("DNS=203.0.113.53#dns.corp.example\n")
                .contains("DNSOverTLS=yes\n");
        assertThat(a.findings()).noneMatch(f -> f.severity() == Finding.Severity.ERROR);
    }

    @Test
    void dohOnAResolvedHostIsStillAnError() throws Exception {
        Spec doh = Specs.resolversOnly(new Resolvers(Specs.ips("203.0.113.53"), List.of(), null, true,
                Encryption.DOH, null, "https://dns.corp.example/dns-query"));
        Assessment a = control.plan(doh, control.observe(doh, host()));
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).extracting(Change::target).containsExactly(ResolvedDropIn.PATH);
        assertThat(((WriteFile) a.changes().get(0)).text()).doesNotContain("DNSOverTLS");
        assertThat(a.findings()).anyMatch(f -> f.message().contains("doh is not available on Linux"));
    }

    @Test
    void networkManagerKeepsFeedingResolved() throws Exception {
        root.dir("/etc/NetworkManager/conf.d");
        commands.missing("nmcli");
        Assessment a = ControlContract.holds(control, PIN, host());
        assertThat(a.changes()).extracting(Change::target).containsExactly(NetworkManagerPlan.CONF, ResolvedDropIn.PATH);
        assertThat(((WriteFile) a.changes().get(0)).text()).isEqualTo("[main]\ndns=systemd-resolved\n");
    }

    @Test
    void openresolvBehindResolvedNamesTheStub() throws Exception {
        root.file(OpenresolvConf.PATH, "resolv_conf=/etc/resolv.conf\n");
        Assessment a = control.plan(PIN, control.observe(PIN, host()));
        assertThat(a.changes()).extracting(Change::target).containsExactly(OpenresolvConf.PATH, ResolvedDropIn.PATH);
        assertThat(((WriteFile) a.changes().get(0)).text()).contains("name_servers=\"127.0.0.53\"\n")
                .contains("search_domains=\"corp.example\"\n");
    }
}
