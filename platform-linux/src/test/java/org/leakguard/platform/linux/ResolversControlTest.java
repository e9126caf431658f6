package org.leakguard.platform.linux;

import org.leakguard.agent.spi.ControlContract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

class ResolversControlTest {
    private static final Spec PIN = Specs.resolversOnly(
            Specs.resolvers(List.of("corp.example"), true, "198.51.100.53", "203.0.113.53"));

    @TempDir
    Path root;

    private final ResolversControl control = new ResolversControl();
    private final ScriptedCommands commands = new ScriptedCommands();

    private Host host() {
        return TestHosts.online(root, commands);
    }

    private void file(String hostPath, String text) throws IOException {
        Path p = root.resolve(hostPath.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private void link(String hostPath, String target) throws IOException {
        Path p = root.resolve(hostPath.substring(1));
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, Path.of(target));
    }

    private String read(String hostPath) throws IOException {
        return Files.readString(root.resolve(hostPath.substring(1)));
    }

    @Test
    void plainFileIsPinnedKeepingItsOtherLines() throws Exception {
        file("/etc/resolv.conf", Fixtures.text("resolv/plain.conf"));
        Assessment a = ControlContract.holds(control, PIN, host());
        assertThat(a.changes()).extracting(Change::target).containsExactly("/etc/resolv.conf");
        assertThat(((WriteFile) a.changes().get(0)).text()).contains("options timeout:1 attempts:2\n")
                .contains("search corp.example\nnameserver 198.51.100.53\nnameserver 203.0.113.53\n")
                .doesNotContain("192.0.2.1").doesNotContain("domain corp.example");
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("a plain file"));
        assertThat(read("/etc/resolv.conf")).isEqualTo(Fixtures.text("resolv/plain.conf"));
        assertThat(commands.calls()).isEmpty();
    }

    @Test
    void networkManagerLinkBecomesAPlainFileAndRollbackRestoresTheLink() throws Exception {
        file("/run/NetworkManager/resolv.conf", Fixtures.text("resolv/networkmanager.conf"));
        link("/etc/resolv.conf", "../run/NetworkManager/resolv.conf");
        Files.createDirectories(root.resolve("etc/NetworkManager/conf.d"));
        commands.missing("nmcli");
        Assessment a = ControlContract.holds(control, PIN, host());
        assertThat(a.changes()).extracting(Change::target)
                .containsExactly(NetworkManagerPlan.CONF, "/etc/resolv.conf");
        assertThat(((WriteFile) a.changes().get(0)).text()).isEqualTo("[main]\ndns=none\n");
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m)
                .contains("reads dns=none when it next starts").contains("nmcli cannot run"));
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("symlink to /run/NetworkManager/resolv.conf")
                        .contains("NetworkManager"));
        assertThat(Files.readSymbolicLink(root.resolve("etc/resolv.conf")))
                .isEqualTo(Path.of("../run/NetworkManager/resolv.conf"));
        assertThat(root.resolve("etc/NetworkManager/conf.d/90-leakguard.conf")).doesNotExist();
    }

    @Test
    void appliedStateIsAPlainFileNotALink() throws Exception {
        file("/run/resolvconf/resolv.conf", Fixtures.text("resolv/resolvconf-debian.conf"));
        link("/etc/resolv.conf", "/run/resolvconf/resolv.conf");
        Assessment a = control.plan(PIN, control.observe(PIN, host()));
        a.changes().get(0).apply(host());
        assertThat(root.resolve("etc/resolv.conf")).isRegularFile();
        assertThat(read("/run/resolvconf/resolv.conf")).isEqualTo(Fixtures.text("resolv/resolvconf-debian.conf"));
        assertThat(control.plan(PIN, control.observe(PIN, host())).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void dhclientIsSupersededOnlyWhereEtcDhcpExists() throws Exception {
        file("/etc/resolv.conf", Fixtures.text("resolv/dhclient-script.conf"));
        Spec spec = Specs.resolversOnly(Specs.resolvers(List.of("corp.example"), true, "198.51.100.53", "2001:db8::53"));
        assertThat(control.plan(spec, control.observe(spec, host())).changes()).extracting(Change::target)
                .containsExactly("/etc/resolv.conf");
        file("/etc/dhcp/dhclient.conf", "send host-name = gethostname();\n");
        Assessment a = ControlContract.holds(control, spec, host());
        assertThat(a.changes()).extracting(Change::target)
                .containsExactly(DhclientHook.PATH, DhclientConf.PATH, "/etc/resolv.conf");
        assertThat(((WriteFile) a.changes().get(1)).text()).contains("supersede domain-name-servers 198.51.100.53;\n")
                .contains("supersede domain-search \"corp.example\";\n").startsWith("send host-name");
        assertThat(Files.exists(root.resolve("etc/dhcp/dhclient-enter-hooks.d"))).as("undo removes the folder it created")
                .isFalse();
    }

    @Test
    void theHookGoesIntoAnExistingFolderAndUndoLeavesTheFolderAndItsFiles() throws Exception {
        file("/etc/resolv.conf", Fixtures.text("resolv/dhclient-script.conf"));
        file("/etc/dhcp/dhclient-enter-hooks.d/resolved", "make_resolv_conf() { resolvectl dns; }\n");
        Spec spec = Specs.resolversOnly(Specs.resolvers(List.of(), true, "2001:db8::53"));
        Assessment a = ControlContract.holds(control, spec, host());
        assertThat(a.changes()).extracting(Change::target).containsExactly(DhclientHook.PATH, "/etc/resolv.conf");
        assertThat(((WriteFileInFolder) a.changes().get(0)).text()).contains("make_resolv_conf() { :; }\n");
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("no IPv4 address").contains("enter hook"));
        assertThat(read("/etc/dhcp/dhclient-enter-hooks.d/resolved")).contains("resolvectl");
        assertThat(Files.exists(root.resolve("etc/dhcp/dhclient-enter-hooks.d/zz-leakguard"))).isFalse();
    }

    @Test
    void aContainersResolvConfKeepsItsSearchLineWhenThePolicyNamesNoSearchDomain() throws Exception {
        file("/etc/resolv.conf", "search svc.cluster.example cluster.example\nnameserver 192.0.2.10\noptions ndots:5\n");
        file("/etc/dhcp/dhclient.conf", "supersede domain-search \"cluster.example\";\n");
        Spec spec = Specs.resolversOnly(Specs.resolvers(List.of(), true, "198.51.100.53"));
        Assessment a = ControlContract.holds(control, spec, host());
        assertThat(a.changes()).extracting(Change::target)
                .containsExactly(DhclientHook.PATH, DhclientConf.PATH, "/etc/resolv.conf");
        assertThat(((WriteFile) a.changes().get(1)).text()).startsWith("supersede domain-search \"cluster.example\";\n");
        assertThat(((WriteFile) a.changes().get(2)).text())
                .contains("search svc.cluster.example cluster.example\n").contains("options ndots:5\n")
                .contains("nameserver 198.51.100.53\n").doesNotContain("192.0.2.10");
    }

    @Test
    void withoutProtectionOnlyResolvConfChanges() throws Exception {
        Files.createDirectories(root.resolve("etc/dhcp"));
        Files.createDirectories(root.resolve("etc/NetworkManager"));
        Spec spec = Specs.resolversOnly(Specs.resolvers(List.of(), false, "198.51.100.53"));
        Assessment a = ControlContract.holds(control, spec, host());
        assertThat(a.changes()).extracting(Change::target).containsExactly("/etc/resolv.conf");
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("nobody"));
    }

    @Test
    void moreThanThreeServersWarns() throws Exception {
        Spec spec = Specs.resolversOnly(Specs.resolvers(List.of(), false,
                "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"));
        Assessment a = control.plan(spec, control.observe(spec, host()));
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).contains("MAXNS");
        });
        assertThat(((WriteFile) a.changes().get(0)).text()).contains("nameserver 192.0.2.4\n");
    }

    @Test
    void badSearchDomainIsRefused() throws Exception {
        Spec spec = Specs.resolversOnly(Specs.resolvers(List.of("corp.example\"; evil"), false, "192.0.2.1"));
        Assessment a = control.plan(spec, control.observe(spec, host()));
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
    }

    @Test
    void offlineImageIsPinnedThroughItsOwnAbsoluteLink() throws Exception {
        file("/run/NetworkManager/resolv.conf", Fixtures.text("resolv/networkmanager.conf"));
        link("/etc/resolv.conf", "/run/NetworkManager/resolv.conf");
        Host offline = TestHosts.offline(root);
        Assessment a = ControlContract.holds(control, PIN, offline);
        assertThat(((WriteFile) a.changes().get(0)).text()).contains("options edns0");
    }

    @Test
    void notGovernedWithoutServers() {
        assertThat(control.governs(Spec.EMPTY)).isFalse();
        assertThat(control.governs(Specs.resolversOnly(Specs.resolvers(List.of(), true)))).isFalse();
        assertThat(control.governs(PIN)).isTrue();
    }

    @Test
    void encryptionThatAPlainFileCannotDoIsReportedNeverSilentlyDropped() throws Exception {
        file("/etc/resolv.conf", "nameserver 198.51.100.53\n");
        Spec dot = Specs.resolversOnly(new org.leakguard.agent.policy.Resolvers(Specs.ips("203.0.113.53"), List.of(), null, false,
                org.leakguard.agent.policy.Encryption.DOT, "dns.corp.example", null));

        Assessment a = control.plan(dot, control.observe(dot, host()));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isNotEmpty();
        assertThat(a.findings()).anyMatch(f -> f.message().contains("resolvers.encryption: dot is not applied"));
    }

    @Test
    void dohIsNotAvailableOnLinuxAndSaysSo() throws Exception {
        file("/etc/resolv.conf", "nameserver 198.51.100.53\n");
        Spec doh = Specs.resolversOnly(new org.leakguard.agent.policy.Resolvers(Specs.ips("203.0.113.53"), List.of(),
                null, false, org.leakguard.agent.policy.Encryption.DOH, null, "https://dns.corp.example/dns-query"));

        Assessment a = control.plan(doh, control.observe(doh, host()));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(f.message()).contains("doh is not available on Linux").contains("go in clear");
        });
    }

    @Test
    void theWindowsFileIsLeftOnlyWhileItsLeadingServersAreOpenAndThePinnedOnesFollowExactly() {
        String text = "nameserver 198.51.100.53\nnameserver 192.0.2.10\nsearch corp.example\n";
        List<String> pinned = List.of("192.0.2.10");
        assertThat(WindowResolvers.leads(text, List.of("198.51.100.53"), pinned, List.of())).isTrue();
        assertThat(WindowResolvers.leads(text, List.of("198.51.100.53"), pinned, List.of("corp.example"))).isTrue();
        assertThat(WindowResolvers.leads(text, List.of(), pinned, List.of())).as("the kernel closed it").isFalse();
        assertThat(WindowResolvers.leads(text, List.of("198.51.100.54"), pinned, List.of())).isFalse();
        assertThat(WindowResolvers.leads(text, List.of("198.51.100.53"), List.of("192.0.2.11"), List.of())).isFalse();
        assertThat(WindowResolvers.leads(text, List.of("198.51.100.53"), pinned, List.of("other.example"))).isFalse();
        assertThat(WindowResolvers.leads("nameserver 192.0.2.10\n", List.of("198.51.100.53"), pinned, List.of()))
                .as("nothing leads").isFalse();
    }
}
