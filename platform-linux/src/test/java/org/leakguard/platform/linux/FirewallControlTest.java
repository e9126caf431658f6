package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.ProgramState;
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
    private static final String[] LIST_JSON = {"nft", "-j", "list", "table", "inet", "leakguard"};
    private static final String ABSENT = "Error: No such file or directory\nlist table inet leakguard\n";

    @TempDir
    Path root;

    private final FirewallControl control = new FirewallControl();
    private final ScriptedCommands nft = new ScriptedCommands();

    private Assessment plan(Spec spec) throws Exception {
        Host host = TestHosts.online(root, nft);
        return control.plan(spec, control.observe(spec, host));
    }

    @Test
    void absentTableIsLoadedAtomicallyThroughStdin() throws Exception {
        nft.fail(1, ABSENT, LIST_JSON);
        Assessment a = plan(Specs.standardFirewall());
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        ProgramState load = (ProgramState) a.changes().get(0);
        assertThat(load.read()).containsExactly("nft", "list", "table", "inet", "leakguard");
        assertThat(load.replace()).containsExactly("nft", "-f", "-");
        assertThat(load.remove()).containsExactly("nft", "delete", "table", "inet", "leakguard");
        assertThat(load.content()).isEqualTo(WantedTable.PROLOGUE + Fixtures.text("nft/leakguard-standard.golden.nft"));
        assertThat(nft.argvs()).containsExactly(List.of(LIST_JSON));
    }

    @Test
    void loadedTableIsCompliant() throws Exception {
        nft.ok(Fixtures.text("nft/leakguard-standard-nft106.json"), LIST_JSON);
        Assessment a = plan(Specs.standardFirewall());
        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("intact"));
    }

    @Test
    void tamperedTableIsReloaded() throws Exception {
        nft.ok(Fixtures.text("nft/leakguard-tampered-nft106.json"), LIST_JSON);
        Assessment a = plan(Specs.standardFirewall());
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).hasSize(1);
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
        assertThat(a.changes()).hasSize(1);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("sets are"));
    }

    @Test
    void nothingToBlockRemovesAnExistingTableOnly() throws Exception {
        Spec none = Specs.firewall(new Firewall(PortRule.OFF, PortRule.OFF, DohRule.OFF, List.of()), "192.0.2.53");
        nft.ok(Fixtures.text("nft/leakguard-standard-nft106.json"), LIST_JSON);
        ProgramState remove = (ProgramState) plan(none).changes().get(0);
        assertThat(remove.content()).isEqualTo(WantedTable.PROLOGUE);
        nft.fail(1, ABSENT, LIST_JSON);
        ScriptedCommands absent = new ScriptedCommands().fail(1, ABSENT, LIST_JSON);
        Host host = TestHosts.online(root, absent);
        assertThat(control.plan(none, control.observe(none, host)).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void offlineMissingNftAndFailuresAreUnknown() throws Exception {
        Spec spec = Specs.standardFirewall();
        Assessment offline = control.plan(spec, control.observe(spec, TestHosts.offline(root)));
        assertThat(offline.status()).isEqualTo(Status.UNKNOWN);
        assertThat(offline.findings().get(0).message()).isEqualTo("offline image: no runtime firewall");

        nft.missing("nft");
        Assessment missing = plan(spec);
        assertThat(missing.status()).isEqualTo(Status.UNKNOWN);
        assertThat(missing.findings().get(0).message()).contains("install nftables");

        ScriptedCommands denied = new ScriptedCommands().fail(1, "Error: Operation not permitted\n", LIST_JSON);
        Host host = TestHosts.online(root, denied);
        Assessment failed = control.plan(spec, control.observe(spec, host));
        assertThat(failed.status()).isEqualTo(Status.UNKNOWN);
        assertThat(failed.findings().get(0).message()).contains("Operation not permitted");
    }

    @Test
    void governedOnlyWithAFirewallSection() {
        assertThat(control.governs(Spec.EMPTY)).isFalse();
        assertThat(control.governs(Specs.standardFirewall())).isTrue();
    }
}
