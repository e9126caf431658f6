package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Finding;

class NetworkdPlanTest {
    private static final Spec PIN = Specs.resolversOnly(Specs.resolvers(List.of(), true, "203.0.113.53"));
    /** {@code networkctl --version} on Debian 12. */
    private static final String DEBIAN_12 = "systemd 252 (252.38-1~deb12u1)\n+PAM +AUDIT +SELINUX +APPARMOR +IMA\n";

    @TempDir
    Path root;

    private final ScriptedCommands commands = new ScriptedCommands();
    private final ResolversControl control = new ResolversControl();

    private Host host() {
        return TestHosts.online(root, commands);
    }

    @Test
    void everyNetworkFileGetsADropInInEtcAndARunningNetworkdReloads() throws Exception {
        RootFiles files = new RootFiles(root).file("/etc/resolv.conf", "nameserver 198.51.100.53\n")
                .file("/usr/lib/systemd/network/80-container-host0.network", "[Match]\nVirtualization=container\n")
                .file("/etc/systemd/network/50-wired.network", "[Match]\nName=en*\n[Network]\nDHCP=yes\n")
                .file("/run/systemd/network/10-netplan-eth0.network", "[Match]\nName=eth0\n")
                .file("/etc/systemd/network/50-wired.network.d/10-mtu.conf", "[Link]\nMTUBytes=1400\n")
                .file(NetworkdReads.STATE, "OPER_STATE=routable\n");
        commands.ok(DEBIAN_12, "networkctl", "--version").ok("", "networkctl", "reload");
        Assessment a = ControlContract.holds(control, PIN, host());
        assertThat(a.changes()).extracting(Change::target).containsExactly(
                "/etc/systemd/network/10-netplan-eth0.network.d/90-leakguard.conf",
                "/etc/systemd/network/50-wired.network.d/90-leakguard.conf",
                "/etc/systemd/network/80-container-host0.network.d/90-leakguard.conf",
                "networkctl reload", "/etc/resolv.conf");
        String text = ((WriteFileInFolder) a.changes().get(0)).text();
        assertThat(text).contains("[DHCPv4]\nUseDNS=no\n[DHCPv6]\nUseDNS=no\n[IPv6AcceptRA]\nUseDNS=no\n")
                .doesNotContain("UseDNR");
        assertThat(files.exists("/etc/systemd/network/80-container-host0.network.d")).as("created, then removed").isFalse();
        assertThat(files.read("/etc/systemd/network/50-wired.network.d/10-mtu.conf")).contains("MTUBytes");
        assertThat(commands.argvs()).contains(List.of("networkctl", "reload"));
    }

    @Test
    void aStaleStateFileOfAStoppedUnitIsNoReasonToReload() throws Exception {
        new RootFiles(root).file("/etc/resolv.conf", "nameserver 198.51.100.53\n")
                .file("/etc/systemd/network/50-wired.network", "[Network]\nDHCP=yes\n")
                .file(NetworkdReads.STATE, "OPER_STATE=routable\n").dir(HostReads.SYSTEMD_RUNNING);
        commands.ok("systemd 257 (257.9-1~deb13u1)\n", "networkctl", "--version")
                .fail(3, "", "systemctl", "is-active", "--quiet", "systemd-networkd");
        Assessment a = control.plan(PIN, control.observe(PIN, host()));
        assertThat(a.changes()).noneMatch(c -> c instanceof Reload);
        assertThat(((WriteFileInFolder) a.changes().get(0)).text()).contains("UseDNR=no");
    }

    @Test
    void useDnrIsWrittenWhereNetworkdKnowsIt() {
        assertThat(NetworkdDropIn.parseVersion("systemd 257 (257.9-1~deb13u1)\n+PAM")).isEqualTo(257);
        assertThat(NetworkdDropIn.parseVersion(DEBIAN_12)).isEqualTo(252);
        assertThat(NetworkdDropIn.parseVersion("networkctl: command not found")).isZero();
        assertThat(NetworkdDropIn.render(257)).contains("[DHCPv4]\nUseDNS=no\nUseDNR=no\n")
                .contains("[DHCPv6]\nUseDNS=no\nUseDNR=no\n").contains("[IPv6AcceptRA]\nUseDNS=no\nUseDNR=no\n");
        assertThat(NetworkdDropIn.render(0)).doesNotContain("UseDNR");
    }

    @Test
    void aStoppedNetworkdIsNotReloadedAndTheFindingSaysWhen() throws Exception {
        new RootFiles(root).file("/etc/resolv.conf", "nameserver 198.51.100.53\n")
                .file("/etc/systemd/network/50-wired.network", "[Network]\nDHCP=yes\n");
        commands.missing("networkctl");
        Assessment a = control.plan(PIN, control.observe(PIN, host()));
        assertThat(a.changes()).extracting(Change::target).containsExactly(
                "/etc/systemd/network/50-wired.network.d/90-leakguard.conf", "/etc/resolv.conf");
        assertThat(a.changes()).noneMatch(c -> c instanceof Reload);
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("when it next starts"));
    }

    @Test
    void undoKeepsAFolderItCreatedOnceSomeoneElseWroteIntoIt() throws Exception {
        Host host = host();
        WriteFileInFolder c = WriteFileInFolder.of(NetworkdDropIn.path("50-wired.network"), NetworkdDropIn.render(0), "pin");
        BeforeImage before = c.capture(host);
        c.apply(host);
        RootFiles files = new RootFiles(root).file("/etc/systemd/network/50-wired.network.d/20-site.conf", "[Link]\n");
        c.undo(host, before);
        assertThat(files.exists(NetworkdDropIn.path("50-wired.network"))).isFalse();
        assertThat(files.read("/etc/systemd/network/50-wired.network.d/20-site.conf")).isEqualTo("[Link]\n");
        c.undo(host, before);
    }

    @Test
    void theChangeAndItsImageRoundTripThroughTheJournalMapper() throws Exception {
        ObjectMapper journal = new ObjectMapper();
        journal.registerSubtypes(new LinuxPlatform().journalTypes().toArray(Class<?>[]::new));
        Change c = WriteFileInFolder.of(DhclientHook.PATH, DhclientHook.TEXT, "hook");
        String text = journal.writerFor(Change.class).writeValueAsString(c);
        assertThat(text).contains("\"kind\":\"linux-write-file-in-folder\"");
        assertThat(journal.readValue(text, Change.class)).isEqualTo(c);
        Files.createDirectories(root.resolve("etc/dhcp"));
        BeforeImage image = c.capture(host());
        String imageText = journal.writerFor(BeforeImage.class).writeValueAsString(image);
        assertThat(journal.readValue(imageText, BeforeImage.class)).isEqualTo(image);
    }
}
