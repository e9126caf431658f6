package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Windows;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

class Ipv6ControlTest {
    private final Ipv6Control control = new Ipv6Control();
    private final FakeWindows win = ResolversControlTest.laptop();

    @Test
    void disabledComponentsDefaultsToAllOffAndIsDeletedAgainOnUndo() throws Exception {
        FakeWindows win = new FakeWindows();
        win.registry.key(Keys.TCPIP6);
        win.machine.booted = Instant.MAX;

        Assessment a = ControlContract.holds(control, Specs.ipv6(null), win.host());

        assertThat(a.changes()).extracting(Change::summary).first().isEqualTo("set " + Keys.TCPIP6
                + ": DisabledComponents=REG_DWORD 0xff: IPv6 components off (0xff); Windows reads it at the next reboot");
        assertThat(a.changes()).extracting(Change::target).containsExactly(Keys.TCPIP6, Keys.DNS_POLICY);
        assertThat(win.registry.value(Keys.TCPIP6, Ipv6Control.VALUE)).isEmpty();
        assertThat(win.ran()).isEmpty();
    }

    @Test
    void aRebootIsPendingUntilWindowsStartedAfterTheWrite() throws Exception {
        FakeWindows win = new FakeWindows();
        win.registry.put(Keys.TCPIP6, Ipv6Control.VALUE, RegValue.dword(0xFF))
                .put(Keys.DNS_POLICY, Ipv6Control.DEFAULT_DNS, RegValue.dword(1));
        win.machine.booted = FakeWindows.CLOCK.instant().minusSeconds(60);
        Spec spec = Specs.ipv6(null);

        Assessment pending = control.plan(spec, control.observe(spec, win.host()));
        win.machine.booted = FakeWindows.CLOCK.instant().plusSeconds(60);
        Assessment rebooted = control.plan(spec, control.observe(spec, win.host()));

        assertThat(pending.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(pending.changes()).isEmpty();
        assertThat(pending.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("a reboot is pending"));
        assertThat(rebooted.status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void afterTheRebootGlobalIpv6AddressesLeftAreAnError() throws Exception {
        win.registry.put(Keys.TCPIP6, Ipv6Control.VALUE, RegValue.dword(0xFF));
        win.machine.booted = Instant.MAX;
        Spec spec = Specs.ipv6(null);

        Assessment a = control.plan(spec, control.observe(spec, win.host()));

        // ipconfig-all-laptop-vpn.txt: Wi-Fi keeps 2001:db8:5::1c and a temporary address; fe80:: does not count.
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m)
                .contains("Windows has restarted", "Wi-Fi 2001:db8:5::1c").doesNotContain("fe80"));
    }

    @Test
    void unbindingSwitchesIpv6OffNowOnAdaptersThatAreUp() throws Exception {
        win.registry.put(Keys.TCPIP6, Ipv6Control.VALUE, RegValue.dword(0x20)).put(Keys.DNS_POLICY, Ipv6Control.DEFAULT_DNS, RegValue.dword(1));

        Assessment a = ControlContract.holds(control, Specs.ipv6(new Windows(0xFFL, true, null)), win.host());

        assertThat(a.changes()).extracting(Change::target).containsExactly(Keys.TCPIP6,
                "adapter Wi-Fi {00000000-0000-4000-8000-000000000001} IPv6 binding",
                "adapter Corp VPN {00000000-0000-4000-8000-000000000002} IPv6 binding");
        assertThat(a.changes().get(1).summary()).contains("unsupported");
        assertThat(win.registry.value(Keys.TCPIP6, Ipv6Control.VALUE)).contains(RegValue.dword(0x20));
        assertThat(win.bindings).containsValues(true).doesNotContainValue(false);
        assertThat(win.ran()).startsWith("powershell BINDINGS", "powershell BINDING_READ", "powershell BINDING_REPLACE");
    }

    @Test
    void preferIpv4IsAllowedButSaysIpv6Stays() throws Exception {
        win.machine.booted = Instant.MAX;
        Spec spec = Specs.ipv6(new Windows(0x20L, false, null));

        Assessment a = control.plan(spec, control.observe(spec, win.host()));

        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("keeps IPv6 on ordinary adapters"));
    }

    /**
     * The Tailscale host of the ipconfig capture (captures/, Windows 10) asks Windows' default IPv6
     * DNS servers fec0:0:0:ffff::1 to ::3: the control turns them off by policy and names the adapter.
     */
    @Test
    void windowsDefaultIpv6DnsServersAreTurnedOff() throws Exception {
        FakeWindows tailscale = new FakeWindows();
        Ipconfig.parse(Fixtures.capture("ipconfig-all--win10-tailscale-multi-suffix.txt")).forEach(tailscale::adapter);
        tailscale.machine.booted = Instant.MAX;
        Spec spec = Specs.ipv6(null);

        Assessment a = control.plan(spec, control.observe(spec, tailscale.host()));

        assertThat(a.changes()).anySatisfy(c -> assertThat(c.summary()).contains(Keys.DNS_POLICY, "DisableIPv6DefaultDnsServers=REG_DWORD 0x1",
                "CIS Windows 11 18.6.4.3", "unconfirmed"));
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("Tailscale fec0:0:0:ffff::1", "Tailscale fec0:0:0:ffff::3"));
    }

    /**
     * Three Ethernet adapters whose IPv6 binding is off, as the Get-NetAdapterBinding capture shows
     * them (captures/): nothing is left to unbind.
     */
    @Test
    void bindingsAlreadyOffAsCapturedAreLeftAlone() throws Exception {
        FakeWindows three = new FakeWindows();
        int n = 1;
        for (java.util.Map<String, String> row : PsTable.parse(Fixtures.capture("get-netadapterbinding-ms_tcpip6--passthru-three-ethernet-disabled.txt"))) {
            String guid = String.format("{00000000-0000-4000-8000-%012d}", n++);
            three.adapter(new Adapter(guid, row.get("Name"), "", n, 6, true, Specs.ips("192.0.2.1"), java.util.List.of()));
            three.bindings.put(guid, Boolean.parseBoolean(row.get("Enabled")));
        }
        three.registry.put(Keys.TCPIP6, Ipv6Control.VALUE, RegValue.dword(0xFF)).put(Keys.DNS_POLICY, Ipv6Control.DEFAULT_DNS, RegValue.dword(1));
        three.machine.booted = Instant.MAX;
        Spec spec = Specs.ipv6(new Windows(0xFFL, true, null));

        Assessment a = control.plan(spec, control.observe(spec, three.host()));

        assertThat(three.bindings).hasSize(3).containsValues(false).doesNotContainValue(true);
        assertThat(a.changes()).isEmpty();
        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
    }
}
