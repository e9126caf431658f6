package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** Adapters from ipconfig-all-laptop-vpn.txt (see SOURCE.txt): Wi-Fi and a VPN up, two adapters down. */
class ResolversControlTest {
    private static final Spec PIN = Specs.spec(Specs.resolvers(Encryption.NONE, "203.0.113.53", "2001:db8::53"));

    private final ResolversControl control = new ResolversControl();
    private final FakeWindows win = laptop();

    static FakeWindows laptop() {
        FakeWindows w = new FakeWindows();
        Ipconfig.parse(Fixtures.text("ipconfig-all-laptop-vpn.txt")).forEach(w::adapter);
        return w;
    }

    @Test
    void pinsEveryAdapterThatIsUpAndAddsTheNrptRule() throws Exception {
        Assessment a = ControlContract.holds(control, PIN, win.host());

        assertThat(a.changes()).extracting(Change::target).containsExactly(
                "adapter Wi-Fi {00000000-0000-4000-8000-000000000001} DNS servers",
                "adapter Corp VPN {00000000-0000-4000-8000-000000000002} DNS servers",
                "NRPT rule \".\" (leakguard)");
        assertThat(((AdapterDns) a.changes().get(0)).servers()).containsExactly("203.0.113.53", "2001:db8::53");
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m)
                .contains("adapters pinned: Wi-Fi, Corp VPN").contains("left alone: Ethernet (down), Bluetooth Network Connection (down)"));
        assertThat(win.ran()).containsExactly(
                // observe
                "powershell NRPT_READ", "powershell NET_ADAPTERS",
                // capture and apply: Wi-Fi, Corp VPN, NRPT
                "powershell DNS_SET", "powershell DNS_SET", "powershell NRPT_RULE_READ", "powershell NRPT_RULE_REPLACE",
                // second observe
                "powershell NRPT_READ", "powershell NET_ADAPTERS",
                // undo in reverse
                "powershell NRPT_RULE_REMOVE", "powershell DNS_RESTORE", "powershell DNS_RESTORE",
                // before-images re-read
                "powershell NRPT_RULE_READ");
        assertThat(win.registry.value(NameServers.v4Key("{00000000-0000-4000-8000-000000000001}"), NameServers.VALUE)).isEmpty();
        assertThat(win.nrpt.local).isEmpty();
    }

    /**
     * The adapters of the Get-NetAdapter capture from a Windows 10 host with WSL (see captures/),
     * plus a dial-up VPN (PPP, type 23) that GetAdaptersAddresses reports and Get-NetAdapter does
     * not list: the apply pins what it can and reports the rest instead of failing on it.
     */
    @Test
    void anAdapterGetNetAdapterDoesNotListIsReportedAndDoesNotAbortTheApply() throws Exception {
        FakeWindows w = new FakeWindows();
        for (Map<String, String> row : PsTable.parse(Fixtures.capture("get-netadapter--table-win10-insider-truncated-names-PARTIAL.txt"))) {
            int index = Integer.parseInt(row.get("ifIndex"));
            w.adapter(new Adapter(String.format("{00000000-0000-4000-8000-%012d}", index), row.get("Name"), row.get("InterfaceDescription"),
                    index, 6, row.get("Status").equals("Up"), Specs.ips("192.0.2.1"), List.of()));
        }
        Adapter ppp = new Adapter("{00000000-0000-4000-8000-0000000000aa}", "Corp dial-up", "WAN Miniport (PPTP)", 60, 23, true,
                Specs.ips("198.51.100.7"), List.of());
        w.adapter(ppp);
        w.unlisted.add(ppp.guid());

        Assessment a = ControlContract.holds(control, PIN, w.host());

        assertThat(a.changes()).extracting(Change::target).containsExactly(
                "adapter Ethernet 2 {00000000-0000-4000-8000-000000000042} DNS servers", "NRPT rule \".\" (leakguard)");
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).startsWith("not pinned: Corp dial-up").contains("NRPT"));
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("vEthernet (WSL) 5 (down)"));
    }

    /**
     * The rules of the NRPT captures (a local rule another tool added, DirectAccess's GPO rules) are
     * never touched, and the GPO's rules are reported: Windows then ignores every local rule.
     */
    @Test
    void otherOwnersNrptRulesAreLeftAlone() throws Exception {
        PsList.parse(Fixtures.capture("get-dnsclientnrptrule--local-rule-added-by-add-dnsclientnrptrule.txt"))
                .forEach(r -> win.nrpt.local.add(FakeNrpt.Rule.captured(r)));
        PsList.parse(Fixtures.capture("get-dnsclientnrptrule--msdocs-gpo-directaccess-two-rules.txt"))
                .forEach(r -> win.nrpt.gpo(FakeNrpt.Rule.captured(r)));
        List<FakeNrpt.Rule> local = List.copyOf(win.nrpt.local);
        List<FakeNrpt.Rule> gpo = List.copyOf(win.nrpt.gpo);

        Assessment a = ControlContract.holds(control, PIN, win.host());

        assertThat(a.changes()).extracting(Change::target).contains("NRPT rule \".\" (leakguard)");
        assertThat(win.nrpt.local).isEqualTo(local).extracting(FakeNrpt.Rule::namespace).containsExactly(List.of("test.test"));
        assertThat(win.nrpt.gpo).isEqualTo(gpo).hasSize(2);
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("Windows ignores every local NRPT rule"));
    }

    @Test
    void theRulesAndServersReachPowerShellAsData() throws Exception {
        ControlContract.holds(control, PIN, win.host());

        List<Command> calls = win.commands.calls();
        assertThat(calls.get(2).input()).isEqualTo("{\"subject\":{\"guid\":\"{00000000-0000-4000-8000-000000000001}\"},"
                + "\"state\":{\"servers\":[\"203.0.113.53\",\"2001:db8::53\"]}}");
        assertThat(calls.get(5).input()).isEqualTo("{\"subject\":{\"name\":\"leakguard\",\"namespace\":\".\"},"
                + "\"state\":[{\"namespace\":[\".\"],\"nameServers\":[\"203.0.113.53\",\"2001:db8::53\"]}]}");
    }

    @Test
    void staticServersComeBackOnUndo() throws Exception {
        String guid = "{00000000-0000-4000-8000-000000000002}";
        win.registry.put(NameServers.v4Key(guid), NameServers.VALUE, RegValue.sz("192.0.2.53,192.0.2.54"));

        Assessment a = ControlContract.holds(control, PIN, win.host());

        assertThat(a.changes().get(1).summary()).contains("replaces its static servers [192.0.2.53, 192.0.2.54]");
        assertThat(win.registry.value(NameServers.v4Key(guid), NameServers.VALUE)).contains(RegValue.sz("192.0.2.53,192.0.2.54"));
    }

    @Test
    void aCompliantHostChangesNothing() throws Exception {
        for (Adapter ad : win.adapters) {
            win.registry.put(NameServers.v4Key(ad.guid()), NameServers.VALUE, RegValue.sz("203.0.113.53"));
            win.registry.put(NameServers.v6Key(ad.guid()), NameServers.VALUE, RegValue.sz("2001:db8::53"));
        }
        win.nrpt.local.add(new FakeNrpt.Rule("{5C2F7A4E-0000-4000-8000-000000000001}", 2, List.of("."), List.of("203.0.113.53", "2001:db8::53"),
                List.of(), NrptRule.NAME, "Managed by leakguard"));

        Assessment a = control.plan(PIN, control.observe(PIN, win.host()));

        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(win.ran()).containsExactly("powershell NRPT_READ", "powershell NET_ADAPTERS");
    }

    @Test
    void aDomainNrptPolicyIsReported() throws Exception {
        win.registry.key(Keys.NRPT_GPO + "\\DA-{5A0A5B3C-0000-4000-8000-000000000001}");

        Assessment a = control.plan(PIN, control.observe(PIN, win.host()));

        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).contains("Windows ignores every local NRPT rule");
        });
    }

    @Test
    void searchDomainsGoToTheGlobalSuffixList() throws Exception {
        Spec spec = Specs.spec(new org.leakguard.agent.policy.Resolvers(Specs.ips("203.0.113.53"), List.of("corp.example"),
                null, true, null, null, null));

        Assessment a = ControlContract.holds(control, spec, win.host());

        assertThat(a.changes()).last().extracting(Change::summary).asString()
                .contains(ResolversControl.TCPIP + ": SearchList=REG_SZ \"corp.example\"");
        assertThat(win.registry.value(ResolversControl.TCPIP, "SearchList")).isEmpty();
    }

    @Test
    void noPinnedServersLeavesAdaptersAlone() throws Exception {
        Spec spec = Specs.spec(Specs.resolvers(Encryption.NONE));

        Assessment a = control.plan(spec, control.observe(spec, win.host()));

        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("left alone"));
    }
}
