package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.DeleteFile;
import org.leakguard.agent.change.Preview;
import org.leakguard.agent.change.ProgramState;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

class FirewallControlTest {
    static final String[] LIST_JSON = {"nft", "-j", "list", "table", "inet", "leakguard"};
    static final String ABSENT = "Error: No such file or directory\nlist table inet leakguard\n";

    @TempDir
    Path root;

    private final FirewallControl control = new FirewallControl();
    /** Before 4.17: these tests are about the nft table and its boot files; the routing layer has its own below. */
    static final String OLD_KERNEL = "4.9.0-19-amd64\n";

    private final ScriptedCommands nft = new ScriptedCommands().ok(OLD_KERNEL, "uname", "-r");

    private Assessment plan(Spec spec) throws Exception {
        Host host = TestHosts.online(root, nft);
        return control.plan(spec, control.observe(spec, host));
    }

    /** The boot files apply writes for {@code spec} with nft, in place as a past apply left them. */
    private void bootFilesInPlace(Spec spec) throws Exception {
        String script = FirewallRules.wanted(spec, new ArrayList<>()).orElseThrow().nft().script();
        BootFiles none = new BootFiles(Map.of(), null, null, false);
        for (Map.Entry<String, String> f : FirewallBoot.wanted(none, script, null).entrySet()) {
            if (f.getValue() != null) {
                Path p = root.resolve(f.getKey().substring(1));
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        }
    }

    private static List<String> targets(Assessment a) {
        return a.changes().stream().map(Change::target).toList();
    }

    @Test
    void absentTableIsLoadedAtomicallyThroughStdinAndKeptForBoot() throws Exception {
        nft.fail(1, ABSENT, LIST_JSON);
        Assessment a = plan(Specs.standardFirewall());
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        ProgramState load = (ProgramState) a.changes().get(0);
        assertThat(load.read()).containsExactly("nft", "list", "table", "inet", "leakguard");
        assertThat(load.replace()).containsExactly("nft", "-f", "-");
        assertThat(load.remove()).containsExactly("nft", "delete", "table", "inet", "leakguard");
        assertThat(load.content()).isEqualTo(WantedTable.PROLOGUE + Fixtures.text("nft/leakguard-standard.golden.nft"));
        assertThat(targets(a)).containsExactly("inet leakguard", BootFiles.NFT_FILE, BootFiles.UNIT, BootFiles.DROP_IN);
        assertThat(((WriteFile) a.changes().get(1)).text()).endsWith(load.content());
        assertThat(((WriteFile) a.changes().get(2)).text()).contains("ExecStart=/usr/sbin/nft -f /etc/leakguard/leakguard.nft",
                "DefaultDependencies=no", "Before=network-pre.target", "Wants=network-pre.target", "Type=oneshot");
        assertThat(((WriteFile) a.changes().get(3)).text()).contains("[Unit]\nWants=leakguard-firewall.service\n");
        assertThat(nft.argvs()).containsExactly(List.of(LIST_JSON), List.of("uname", "-r"));
    }

    @Test
    void loadedTableWithItsBootFilesIsCompliant() throws Exception {
        bootFilesInPlace(Specs.standardFirewall());
        nft.ok(Fixtures.text("nft/leakguard-standard-nft106.json"), LIST_JSON);
        Assessment a = plan(Specs.standardFirewall());
        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("intact"));
    }

    @Test
    void anEditedBootFileIsRewritten() throws Exception {
        bootFilesInPlace(Specs.standardFirewall());
        Path file = root.resolve(BootFiles.NFT_FILE.substring(1));
        Files.writeString(file, Files.readString(file).replace("198.51.100.53,", "198.51.100.53,\n\t\t\t192.0.2.99,"));
        nft.ok(Fixtures.text("nft/leakguard-standard-nft106.json"), LIST_JSON);
        Assessment a = plan(Specs.standardFirewall());
        assertThat(targets(a)).containsExactly(BootFiles.NFT_FILE);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("differs"));
    }

    @Test
    void whereTheHostLoadsNftablesConfTheTableIsIncludedThere() throws Exception {
        Path conf = root.resolve("etc/nftables.conf");
        Files.createDirectories(root.resolve("etc/systemd/system/sysinit.target.wants"));
        Files.writeString(conf, "#!/usr/sbin/nft -f\n\nflush ruleset\n\ntable inet filter {\n}\n");
        Files.createSymbolicLink(root.resolve("etc/systemd/system/sysinit.target.wants/nftables.service"),
                Path.of("/lib/systemd/system/nftables.service"));
        nft.fail(1, ABSENT, LIST_JSON);
        Assessment a = plan(Specs.standardFirewall());
        assertThat(targets(a)).containsExactly("inet leakguard", BootFiles.NFT_FILE, "/etc/nftables.conf");
        WriteFile include = (WriteFile) a.changes().get(2);
        assertThat(include.text()).startsWith(Files.readString(conf)).endsWith("include \"/etc/leakguard/leakguard.nft\"\n");
        assertThat(include.mode()).as("keeps the host's mode").isNull();
        assertThat(FirewallBoot.withoutInclude(include.text())).isEqualTo(Files.readString(conf));
        assertThat(FirewallBoot.withInclude(include.text())).isEqualTo(include.text());
    }

    @Test
    void systemdRereadsAChangedUnitWhenItRuns() throws Exception {
        Files.createDirectories(root.resolve("run/systemd/system"));
        nft.fail(1, ABSENT, LIST_JSON);
        Assessment a = plan(Specs.standardFirewall());
        assertThat(a.changes().get(a.changes().size() - 1)).isEqualTo(
                new Reload(List.of("systemctl", "daemon-reload"), "systemd reads leakguard's boot unit as it is now"));
    }

    @Test
    void tamperedTableIsReloaded() throws Exception {
        bootFilesInPlace(Specs.standardFirewall());
        nft.ok(Fixtures.text("nft/leakguard-tampered-nft106.json"), LIST_JSON);
        Assessment a = plan(Specs.standardFirewall());
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(targets(a)).containsExactly("inet leakguard");
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("set dns_ok4 elements differ")
                        .contains("192.0.2.0-192.0.2.15").contains("192.0.2.100-192.0.2.109"))
                .anySatisfy(m -> assertThat(m).contains("set dns_ok6 elements differ: missing [2001:db8::53]"))
                .anySatisfy(m -> assertThat(m).contains("chain output rules are"));
    }

    @Test
    void anotherPolicysTableIsReloaded() throws Exception {
        nft.ok(Fixtures.text("nft/leakguard-standard-nft106.json"), LIST_JSON);
        Assessment a = plan(Specs.firewall(Specs.blockAll("192.0.2.44", "2001:db8:d0::44"), "198.51.100.53"));
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("comment is"));
    }

    @Test
    void newerNftShowsTheTableCommentAndItIsChecked() throws Exception {
        String json = Fixtures.text("nft/leakguard-standard-nft106.json").replaceFirst(
                "(\"table\": \\{[^}]*)\\}", "$1, \"comment\": \"leakguard 0\"}");
        assertThat(json.contains("\"comment\": \"leakguard 0\"")).isTrue();
        nft.ok(json, LIST_JSON);
        assertThat(plan(Specs.standardFirewall()).findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("table comment is \"leakguard 0\""));
    }

    @Test
    void olderLayoutOfTheTableIsReplaced() throws Exception {
        nft.ok(Fixtures.text("nft/ruleset-foreign-and-old-leakguard-nft106.json"), LIST_JSON);
        Assessment a = plan(Specs.standardFirewall());
        assertThat(a.changes()).filteredOn(c -> c instanceof ProgramState).hasSize(1);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("sets are"));
    }

    @Test
    void nothingToBlockRemovesTheTableAndItsBootFiles() throws Exception {
        Spec none = Specs.firewall(new Firewall(PortRule.OFF, PortRule.OFF, DohRule.OFF, List.of()), "192.0.2.53");
        bootFilesInPlace(Specs.standardFirewall());
        nft.ok(Fixtures.text("nft/leakguard-standard-nft106.json"), LIST_JSON);
        Assessment a = plan(none);
        assertThat(((ProgramState) a.changes().get(0)).content()).isEqualTo(WantedTable.PROLOGUE);
        assertThat(a.changes().subList(1, 4)).allMatch(c -> c instanceof DeleteFile);
        assertThat(targets(a)).containsExactly("inet leakguard", BootFiles.NFT_FILE, BootFiles.UNIT, BootFiles.DROP_IN);
        ScriptedCommands absent = new ScriptedCommands().fail(1, ABSENT, LIST_JSON).ok(OLD_KERNEL, "uname", "-r");
        Path empty = Files.createDirectories(root.resolve("other"));
        Host host = TestHosts.online(empty, absent);
        assertThat(control.plan(none, control.observe(none, host)).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void anOfflineImageGetsTheBootFilesOnly() throws Exception {
        Spec spec = Specs.standardFirewall();
        Assessment bare = control.plan(spec, control.observe(spec, TestHosts.offline(root)));
        assertThat(bare.status()).as("rules are data: planned, though the image cannot load them").isEqualTo(Status.NON_COMPLIANT);
        assertThat(targets(bare)).containsExactly(BootFiles.NFT_FILE, BootFiles.UNIT, BootFiles.DROP_IN);
        assertThat(bare.findings()).anySatisfy(f -> assertThat(f.message()).contains("neither nft nor iptables-restore"));

        Files.createDirectories(root.resolve("usr/sbin"));
        Files.createFile(root.resolve("usr/sbin/nft"));
        Assessment image = control.plan(spec, control.observe(spec, TestHosts.offline(root)));
        assertThat(targets(image)).containsExactly(BootFiles.NFT_FILE, BootFiles.UNIT, BootFiles.DROP_IN);
        assertThat(image.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).startsWith("offline image"));
    }

    @Test
    void withoutNftOrIptablesTheRulesAreStillPlannedAndFailuresAreUnknown() throws Exception {
        Spec spec = Specs.standardFirewall();
        nft.missing("nft").missing("iptables-save");
        Assessment missing = plan(spec);
        assertThat(missing.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(missing.findings()).anySatisfy(f -> assertThat(f.message()).contains("install nftables"));
        assertThat(targets(missing)).containsExactly("inet leakguard", BootFiles.NFT_FILE, BootFiles.UNIT, BootFiles.DROP_IN);
        Preview rules = missing.changes().get(0).preview(TestHosts.online(root, nft)).orElseThrow();
        assertThat(rules.unread()).startsWith("cannot run nft");
        assertThat(rules.render("inet leakguard")).startsWith("current state unknown (cannot run nft")
                .contains("table inet leakguard {", "udp dport 53 reject");

        ScriptedCommands denied = new ScriptedCommands().fail(1, "Error: Operation not permitted\n", LIST_JSON)
                .ok(OLD_KERNEL, "uname", "-r");
        Host host = TestHosts.online(root, denied);
        Assessment failed = control.plan(spec, control.observe(spec, host));
        assertThat(failed.status()).isEqualTo(Status.UNKNOWN);
        assertThat(failed.findings().get(0).message()).contains("Operation not permitted");
    }

    @Test
    void onAKernelThatMatchesPortsTheRoutingLayerFollowsTheTable() throws Exception {
        bootFilesInPlace(Specs.standardFirewall());
        ScriptedCommands host = new ScriptedCommands().ok(Fixtures.text("nft/leakguard-standard-nft106.json"), LIST_JSON)
                .ok("6.1.0-18-amd64\n", "uname", "-r")
                .ok(Fixtures.text("ip/rules-v4-iproute2-6.1.json"), RouteRules.LIST4.toArray(String[]::new))
                .ok(Fixtures.text("ip/rules-v6-iproute2-6.1.json"), RouteRules.LIST6.toArray(String[]::new));
        Spec spec = Specs.standardFirewall();
        Assessment a = control.plan(spec, control.observe(spec, TestHosts.online(root, host)));

        assertThat(targets(a)).containsExactly("ip rule protocol 176", BootFiles.ROUTES4_FILE, BootFiles.ROUTES6_FILE, BootFiles.UNIT);
        assertThat(((WriteFile) a.changes().get(3)).text()).contains("ExecStart=/usr/sbin/nft -f /etc/leakguard/leakguard.nft\n"
                + "ExecStart=-/usr/sbin/ip -force -4 -batch /etc/leakguard/leakguard.iprules4\n"
                + "ExecStart=-/usr/sbin/ip -force -6 -batch /etc/leakguard/leakguard.iprules6\n");
        assertThat(((WriteFile) a.changes().get(1)).text()).contains(
                "rule del pref 101 ipproto udp dport 53 prohibit protocol 176\n",
                "rule add pref 101 ipproto udp dport 53 prohibit protocol 176\n");
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("policy-routing rules differ: 7 found, 26 wanted"));
        SetRouteRules set = (SetRouteRules) a.changes().get(0);
        assertThat(set.rules()).filteredOn(r -> r.action().equals("prohibit")).hasSize(8);
        assertThat(set.rules()).filteredOn(r -> "198.51.100.53".equals(r.to())).hasSize(4);
    }

    @Test
    void governedOnlyWithAFirewallSection() {
        assertThat(control.governs(Spec.EMPTY)).isFalse();
        assertThat(control.governs(Specs.standardFirewall())).isTrue();
    }
}
