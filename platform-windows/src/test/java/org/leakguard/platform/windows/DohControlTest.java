package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.policy.DohPolicy;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Windows;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * The DoH list is read and written with the DnsClient cmdlets through ConvertTo-Json. The fake's
 * list starts as a real host's: the servers of the netsh capture in captures/ (see SOURCE.txt).
 */
class DohControlTest {
    private static final Spec DOH = Specs.spec(Specs.resolvers(Encryption.DOH, "203.0.113.53", "2001:db8::53"));
    private static final String TEMPLATE = "https://dns.corp.example/dns-query";

    private final DohControl control = new DohControl();
    private final FakeWindows win = new FakeWindows();

    /** A host whose group policy requires DoH: netsh's unreadable global switches then cannot turn the list off. */
    private FakeWindows required() {
        win.registry.put(Keys.DNS_POLICY, DohMode.POLICY, RegValue.dword(3));
        return win;
    }

    @Test
    void eachPinnedServerGoesOnTheListWithoutFallback() throws Exception {
        List<DohEntry> captured = NetshText.parse(Fixtures.capture("netsh-dns-show-encryption--two-custom-doh-servers.txt"));
        required().doh.entries.addAll(captured);

        Assessment a = ControlContract.holds(control, DOH, win.host());

        assertThat(a.changes()).extracting(Change::target).containsExactly("DoH entry for 203.0.113.53", "DoH entry for 2001:db8::53");
        assertThat(win.ran()).contains("powershell DOH_LIST", "powershell DOH_REPLACE", "powershell DOH_REMOVE");
        assertThat(win.doh.entries).isEqualTo(captured);
    }

    /** Every read is locale-free: the control never runs netsh, whose text a German or Japanese Windows translates. */
    @Test
    void noNetshTextIsEverRead() throws Exception {
        ControlContract.holds(control, DOH, required().host());

        assertThat(win.ran()).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("powershell "));
    }

    @Test
    void aServerAlreadyOnTheListIsSetInPlaceAndPutBack() throws Exception {
        DohEntry builtIn = new DohEntry("203.0.113.53", "https://old.example/dns-query", false, true);
        required().doh.entries.add(builtIn);
        Spec one = Specs.spec(Specs.resolvers(Encryption.DOH, "203.0.113.53"));

        ControlContract.holds(control, one, win.host());

        assertThat(win.ran()).doesNotContain("powershell DOH_REMOVE");
        assertThat(win.doh.entries).containsExactly(builtIn);
    }

    @Test
    void aBuildWithoutTheDohClientIsUnknownNeverCompliant() throws Exception {
        win.doh.client = false;

        Assessment a = control.plan(DOH, control.observe(DOH, win.host()));

        assertThat(a.status()).isEqualTo(Status.UNKNOWN);
        assertThat(a.findings()).extracting(Finding::message).singleElement().asString().contains("not available on this Windows build");
    }

    /**
     * The list is exactly right, but without a group policy that requires DoH netsh's global doh= switch,
     * which nothing reads locale-free, may turn it off: unknown, never compliant.
     */
    @Test
    void aRightListIsUnknownWhileNetshsGlobalSwitchMayTurnItOff() throws Exception {
        List<DohEntry> captured = NetshText.parse(Fixtures.capture("netsh-dns-show-encryption--two-custom-doh-servers.txt"));
        win.doh.entries.addAll(captured);
        for (String server : List.of("203.0.113.53", "2001:db8::53")) {
            win.doh.entries.add(new DohEntry(server, TEMPLATE, true, false));
        }

        Assessment a = control.plan(DOH, control.observe(DOH, win.host()));

        assertThat(a.changes()).isEmpty();
        assertThat(a.status()).isEqualTo(Status.UNKNOWN);
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).contains("netsh dnsclient global doh=", "unknown", "localized text", "doh=no would win over it",
                    "windows.dohPolicy: require");
        });
        assertThat(win.ran()).allSatisfy(r -> assertThat(r).startsWith("powershell "));
    }

    /** With DoHPolicy 3 group policy wins over the netsh switches: the list decides, and the finding says so. */
    @Test
    void aGroupPolicyThatRequiresDohWinsOverNetshsSwitches() throws Exception {
        for (String server : List.of("203.0.113.53", "2001:db8::53")) {
            required().doh.entries.add(new DohEntry(server, TEMPLATE, true, false));
        }

        Assessment a = control.plan(DOH, control.observe(DOH, win.host()));

        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("DoHPolicy = 3 (Require) wins over them"));
    }

    /** A GPO that prohibits DoH wins over the list: the entries alone would have been reported compliant. */
    @Test
    void aGroupPolicyThatProhibitsDohIsNonCompliantAndNamed() throws Exception {
        win.registry.put(Keys.DNS_POLICY, DohMode.POLICY, RegValue.dword(1));
        for (String server : List.of("203.0.113.53", "2001:db8::53")) {
            win.doh.entries.add(new DohEntry(server, TEMPLATE, true, false));
        }

        Assessment a = control.plan(DOH, control.observe(DOH, win.host()));

        assertThat(a.changes()).isEmpty();
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains(
                "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient\\DoHPolicy = 1 (Prohibit)", "wins over the DoH list",
                "Configure DNS over HTTPS (DoH) name resolution", "windows.dohPolicy"));
    }

    @Test
    void theNewerBlockDohSettingWinsEvenOverTheDohPolicyLeakguardWrites() throws Exception {
        win.registry.put(Keys.DNS_POLICY, DohMode.DOH_SETTING, RegValue.dword(1));
        Spec allow = new Spec(Specs.resolvers(Encryption.DOH, "203.0.113.53"), null, null, null, null, null, null, null, null, null,
                new Windows(null, null, DohPolicy.ALLOW));

        Assessment a = control.plan(allow, control.observe(allow, win.host()));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("DohPolicySetting = 1 (Block DoH)")
                .doesNotContain("or set windows.dohPolicy"));
    }

    @Test
    void theStaleInsiderSwitchIsNamed() throws Exception {
        win.registry.put(Keys.DNSCACHE, DohControl.AUTO_DOH, RegValue.dword(2));

        Assessment a = control.plan(DOH, control.observe(DOH, win.host()));

        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("EnableAutoDoh", "no longer applies"));
    }

    @Test
    void theModeSaysWhichSettingDecides() {
        List<DohEntry> list = List.of(new DohEntry("203.0.113.53", TEMPLATE, true, false), new DohEntry("1.1.1.1", "https://c/", false, true));
        assertThat(new DohMode(Optional.empty(), Optional.empty()).describe(Optional.of(list)))
                .isEqualTo("no group policy (local settings decide): lookups to [203.0.113.53] are encrypted");
        assertThat(new DohMode(Optional.of(RegValue.dword(3)), Optional.empty()).describe(Optional.of(list))).startsWith("required by group policy");
        assertThat(new DohMode(Optional.of(RegValue.dword(3)), Optional.of(RegValue.dword(1))).describe(Optional.of(list)))
                .startsWith("prohibited by group policy").contains("DohPolicySetting = 1 (Block DoH)");
        assertThat(new DohMode(Optional.empty(), Optional.empty()).describe(Optional.empty())).startsWith("no DoH client");
    }

    @Test
    void dohPolicyWritesTheDocumentedNumbers() throws Exception {
        Spec spec = new Spec(Specs.resolvers(Encryption.DOH, "203.0.113.53"), null, null, null, null, null, null, null, null, null,
                new Windows(null, null, DohPolicy.REQUIRE));

        Assessment a = ControlContract.holds(control, spec, win.host());

        assertThat(a.changes()).last().extracting(Change::summary).asString().contains("DoHPolicy=REG_DWORD 0x3");
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("domain-joined"));
        assertThat(DohControl.policyValue(DohPolicy.PROHIBIT)).isEqualTo(1);
        assertThat(DohControl.policyValue(DohPolicy.ALLOW)).isEqualTo(2);
        assertThat(win.registry.keyExists(Keys.DNS_POLICY)).isFalse();
    }

    @Test
    void templateExpressionsAreDropped() {
        assertThat(DohControl.template("https://dns.corp.example/dns-query{?dns}")).isEqualTo(TEMPLATE);
    }
}
