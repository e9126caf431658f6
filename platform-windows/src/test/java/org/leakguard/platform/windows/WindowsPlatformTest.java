package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.host.OfflineCommands;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding.Severity;

class WindowsPlatformTest {
    private final WindowsPlatform platform = new WindowsPlatform();

    @Test
    void servesWindowsAndSaysWhyItDeclinesTheRest() {
        assertThat(platform.unavailabilityCause(FakeWindows.WINDOWS)).isEmpty();
        assertThat(platform.unavailabilityCause(new HostInfo("h", "Windows Server 2022", "10.0"))).isEmpty();
        assertThat(platform.unavailabilityCause(new HostInfo("h", "Linux", "6.1")))
                .contains("the host is not Windows (os.name is \"Linux\")");
    }

    @Test
    void everyPolicySectionHasAControl() {
        assertThat(platform.controls()).extracting(Control::id).containsExactly("resolvers", "encryption", "smartNameResolution",
                "localNameResolution", "ipv6", "firewall", "browsers", "containers");
    }

    @Test
    void theResolversInUseAreThoseOfAdaptersThatAreUp() {
        FakeWindows win = ResolversControlTest.laptop();

        assertThat(platform.resolversInUse(win.host())).isEqualTo(Specs.ips("198.51.100.1", "2001:db8:5::1", "203.0.113.53"));
    }

    @Test
    void theMachineIdIsTheMachineGuidLowerCased() throws Exception {
        FakeWindows win = new FakeWindows();
        assertThat(platform.machineId(win.host())).isEmpty();

        win.registry.set(WindowsPlatform.MACHINE_GUID_KEY, "MachineGuid", RegValue.sz("3F2504E0-4F89-11D3-9A0C-0305E82C3301"));

        assertThat(platform.machineId(win.host())).contains("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    }

    @Test
    void attachKeepsPortsAlreadyThere() {
        FakeWindows win = new FakeWindows();
        Host h = platform.attach(win.host());

        assertThat(h.port(Registry.class)).containsSame(win.registry);
        assertThat(h.port(Machine.class)).containsSame(win.machine);
    }

    @Test
    void anOfflineImageIsRefusedAsUnknownNotCompliant() throws Exception {
        Host offline = new Host(FakeWindows.WINDOWS, new LocalFiles(Path.of("/nonexistent")), new OfflineCommands(), true,
                FakeWindows.CLOCK).with(Registry.class, new FakeWindows().registry);
        Spec spec = Specs.smart();

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new SmartNameResolutionControl().observe(spec, offline)))
                .hasMessageContaining("--root is not supported on Windows");
    }

    @Test
    void diagnoseExplainsEachTopicAndToleratesAFailingOne() {
        FakeWindows win = ResolversControlTest.laptop();
        win.machine.elevated = false;
        win.doh.client = false;
        win.registry.put(Keys.TCPIP6, Ipv6Control.VALUE, RegValue.dword(0xFF));

        List<Diagnosis> d = platform.diagnose(win.host());

        assertThat(d).extracting(Diagnosis::topic).containsExactly("elevation", "adapters", "nrpt", "smartNameResolution",
                "ipv6", "doh", "firewall", "vms");
        assertThat(d.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(d.get(1).summary()).contains("2 adapter(s) up with DNS");
        assertThat(d.get(1).evidence()).anySatisfy(e -> assertThat(e).startsWith("Wi-Fi {").contains("[198.51.100.1, 2001:db8:5::1]"));
        assertThat(d.get(4).summary()).contains("0xff", "reboot is pending");
        assertThat(d.get(5).summary()).contains("no DoH client");
    }

    /** diagnose names the effective DoH mode, where group policy decides it, and DDR. */
    @Test
    void diagnoseShowsTheDohModeInEffect() {
        FakeWindows win = ResolversControlTest.laptop();
        win.doh.entries.add(new DohEntry("203.0.113.53", "https://dns.corp.example/dns-query", true, false));
        win.registry.put(Keys.DNS_POLICY, DohMode.POLICY, RegValue.dword(1));

        Diagnosis doh = platform.diagnose(win.host()).stream().filter(x -> x.topic().equals("doh")).findFirst().orElseThrow();

        assertThat(doh.severity()).isEqualTo(Severity.WARNING);
        assertThat(doh.summary()).contains("DoH mode: prohibited by group policy", "DoHPolicy = 1 (Prohibit)");
        assertThat(doh.evidence()).anySatisfy(e -> assertThat(e).startsWith("DDR:"));
    }

    /** netsh's global doh=, dot=, ddr= switches are shown as unknown, with which value wins over them. */
    @Test
    void diagnoseShowsTheNetshGlobalSwitchesAsUnknownAndWhatWins() {
        FakeWindows win = ResolversControlTest.laptop();
        win.doh.entries.add(new DohEntry("203.0.113.53", "https://dns.corp.example/dns-query", true, false));

        Diagnosis local = doh(win);

        assertThat(local.severity()).isEqualTo(Severity.WARNING);
        assertThat(local.summary()).contains("unless netsh's global doh= switch, unread, turns it off");
        assertThat(local.evidence()).anySatisfy(e -> assertThat(e).startsWith("netsh dnsclient global doh=, dot=, ddr=: unknown")
                .contains("localized text", "doh=no would win over it"));

        win.registry.put(Keys.DNS_POLICY, DohMode.POLICY, RegValue.dword(3));
        Diagnosis required = doh(win);

        assertThat(required.severity()).isEqualTo(Severity.INFO);
        assertThat(required.evidence()).anySatisfy(e -> assertThat(e).contains("DoHPolicy = 3 (Require) wins over them"));
    }

    /** DoT entries are shown from the registry, never from netsh's localized text. */
    @Test
    void diagnoseShowsDotEntriesFromTheRegistry() {
        FakeWindows win = ResolversControlTest.laptop();
        win.registry.put(DotEntry.key("203.0.113.53"), DotEntry.HOST, RegValue.sz("dns.corp.example"))
                .put(DotEntry.key("203.0.113.53"), DotEntry.PORT, RegValue.dword(853))
                .put(DotEntry.key("198.51.100.1"), "Template", RegValue.sz("https://dns.example/dns-query"));

        assertThat(doh(win).evidence()).filteredOn(e -> e.startsWith("DoT entry:"))
                .singleElement().asString().startsWith("DoT entry: 203.0.113.53 over TLS to dns.corp.example:853");
        assertThat(win.ran()).noneMatch(r -> r.contains("netsh"));
    }

    private Diagnosis doh(FakeWindows win) {
        return platform.diagnose(win.host()).stream().filter(x -> x.topic().equals("doh")).findFirst().orElseThrow();
    }

    @Test
    void diagnoseSaysWhenGroupPolicyIgnoresLocalFirewallRules() {
        FakeWindows win = ResolversControlTest.laptop();
        win.fw.localRules.put("Public", "False");

        Diagnosis fw = platform.diagnose(win.host()).stream().filter(x -> x.topic().equals("firewall")).findFirst().orElseThrow();

        assertThat(fw.severity()).isEqualTo(Severity.WARNING);
        assertThat(fw.evidence()).contains("profile Public: on, local rules ignored", "profile Domain: on, local rules apply");
    }

    @Test
    void diagnoseSaysWhenVmsRunWithoutAHyperVFirewall() {
        FakeWindows win = ResolversControlTest.laptop();
        win.hv.wslRunning = true;

        Diagnosis vms = platform.diagnose(win.host()).stream().filter(x -> x.topic().equals("vms")).findFirst().orElseThrow();

        assertThat(vms.severity()).isEqualTo(Severity.WARNING);
        assertThat(vms.summary()).contains("VMs run (WSL 2) but this host has no Hyper-V firewall");
        win.hv.present = true;
        assertThat(platform.diagnose(win.host()).stream().filter(x -> x.topic().equals("vms")).findFirst().orElseThrow().evidence())
                .contains("Hyper-V firewall: present", "VM creator: WSL {40E0AC32-46A5-438A-A0B2-2B479E8F2E90}");
    }

    @Test
    void aReadThatFailsIsUnknownInDiagnose() {
        Host bare = new Host(FakeWindows.WINDOWS, new LocalFiles(Path.of("/nonexistent")), new FakeWindows().commands, false,
                FakeWindows.CLOCK);

        assertThat(platform.diagnose(bare)).allSatisfy(x -> {
            if (!List.of("doh", "firewall", "vms").contains(x.topic())) {
                assertThat(x.summary()).startsWith("unknown: could not read");
            }
        });
    }

    @Test
    void theDockerPinIsUnknownOnWindows() throws Exception {
        Spec spec = new Spec(Specs.resolvers(Encryption.NONE, "203.0.113.53"), null, null, null, null, null,
                new org.leakguard.agent.policy.Containers(org.leakguard.agent.policy.DockerDns.PIN), null);
        @SuppressWarnings("unchecked")
        Control<Object> c = (Control<Object>) platform.controls().get(7);

        assertThat(c.governs(spec)).isTrue();
        assertThat(c.plan(spec, c.observe(spec, new FakeWindows().host())).status()).isEqualTo(org.leakguard.agent.spi.Status.UNKNOWN);
    }
}
