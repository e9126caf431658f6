package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Status;

/** The controls that only write registry values: smart multi-homed and local name resolution, browsers. */
class RegistryControlsTest {
    private final FakeWindows win = new FakeWindows();

    @Test
    void smartNameResolutionUsesTheDocumentedKeyAndTheDnscacheCopy() throws Exception {
        win.registry.key(Keys.DNSCACHE).key("HKLM\\SOFTWARE\\Policies\\Microsoft");
        Map<String, Map<String, RegValue>> before = win.registry.snapshot();

        Assessment a = ControlContract.holds(new SmartNameResolutionControl(), Specs.smart(), win.host());

        assertThat(a.changes()).extracting(Change::summary).containsExactly(
                "set " + Keys.DNS_POLICY + ": DisableSmartNameResolution=REG_DWORD 0x1: Turn off smart multi-homed name"
                        + " resolution (documented group-policy value)",
                "set " + Keys.DNSCACHE + ": DisableSmartNameResolution=REG_DWORD 0x1, DisableParallelAandAAAA=REG_DWORD 0x1:"
                        + " the same switch where many guides put it, and no parallel A/AAAA queries (both undocumented by"
                        + " Microsoft, ignored where unsupported)");
        assertThat(win.registry.snapshot()).as("the created policy keys are gone again").isEqualTo(before);
        assertThat(win.ran()).isEmpty();
    }

    @Test
    void localNameResolutionTurnsLlmnrOffWithZero() throws Exception {
        win.registry.put(Keys.DNS_POLICY, "EnableMulticast", RegValue.dword(1))
                .put(Keys.NETBT_INTERFACES + "\\Tcpip_{00000000-0000-4000-8000-000000000001}", "NetbiosOptions", RegValue.dword(0))
                .key(Keys.NETBT_INTERFACES + "\\Tcpip_{00000000-0000-4000-8000-000000000002}")
                .key(Keys.DNSCACHE);

        Assessment a = ControlContract.holds(new LocalNameResolutionControl(), Specs.local(), win.host());

        assertThat(a.changes()).extracting(Change::summary).anySatisfy(s -> assertThat(s).startsWith(
                "set " + Keys.DNS_POLICY + ": EnableMulticast=REG_DWORD 0x0"));
        assertThat(a.changes()).extracting(Change::target).contains(Keys.DNSCACHE,
                Keys.NETBT_INTERFACES + "\\Tcpip_{00000000-0000-4000-8000-000000000001}",
                Keys.NETBT_INTERFACES + "\\Tcpip_{00000000-0000-4000-8000-000000000002}");
        assertThat(win.registry.value(Keys.DNS_POLICY, "EnableMulticast")).contains(RegValue.dword(1));
        assertThat(win.registry.value(Keys.NETBT_INTERFACES + "\\Tcpip_{00000000-0000-4000-8000-000000000002}", "NetbiosOptions")).isEmpty();
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("Policy CSP", "CIS Windows 11", "EnableMDNS", "unconfirmed"));
    }

    @Test
    void browsersOffKeepsOtherPoliciesAndRestoresOldValues() throws Exception {
        String chrome = BrowsersControl.CHROMIUM.get("Chrome");
        win.registry.put(chrome, "DnsOverHttpsMode", RegValue.sz("automatic"))
                .put(chrome, "HomepageLocation", RegValue.sz("https://intranet.corp.example/"))
                .put(BrowsersControl.FIREFOX, "Fallback", RegValue.dword(1))
                .put(BrowsersControl.FIREFOX, "ExcludedDomains", RegValue.multiSz(java.util.List.of("corp.example", "lan")));
        Map<String, Map<String, RegValue>> before = win.registry.snapshot();

        Assessment a = ControlContract.holds(new BrowsersControl(), Specs.browsers(BrowserDoh.OFF), win.host());

        assertThat(a.changes()).hasSize(5);
        assertThat(a.changes().get(4).summary()).contains("Enabled=REG_DWORD 0x0, Locked=REG_DWORD 0x1, Fallback absent").doesNotContain("ProviderURL");
        assertThat(win.registry.snapshot()).isEqualTo(before);
    }

    @Test
    void browsersResolverPointsAtThePolicyTemplate() throws Exception {
        Spec spec = Specs.browsers(BrowserDoh.RESOLVER);
        Assessment a = new BrowsersControl().plan(spec, new BrowsersControl().observe(spec, win.host()));
        for (Change c : a.changes()) {
            c.apply(win.host());
        }

        assertThat(win.registry.value(BrowsersControl.CHROMIUM.get("Edge"), "DnsOverHttpsMode")).contains(RegValue.sz("secure"));
        assertThat(win.registry.value(BrowsersControl.CHROMIUM.get("Brave"), "DnsOverHttpsTemplates")).contains(RegValue.sz(Specs.TEMPLATE));
        assertThat(win.registry.value(BrowsersControl.FIREFOX, "ProviderURL")).contains(RegValue.sz("https://dns.corp.example/dns-query"));
        assertThat(new BrowsersControl().plan(spec, new BrowsersControl().observe(spec, win.host())).status()).isEqualTo(Status.COMPLIANT);
    }
}
