package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.ExecCommands;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Browsers;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;

/**
 * The platform on a real, elevated Windows (the CI runner): JNA ports, real PowerShell, real
 * netsh. It changes the machine, so it runs only where LEAKGUARD_REAL_WINDOWS=1 says the machine
 * is a throwaway; tagged windows-only, it is not even collected on other systems (see the pom). The pinned resolvers are the ones the machine already uses, so its DNS keeps
 * working while the rules are in place. Everything is read back with tools other than the ones
 * that wrote it (reg query, Get-NetFirewallRule), then rolled back and compared.
 */
@Tag("windows-only")
@EnabledOnOs(OS.WINDOWS)
@EnabledIfEnvironmentVariable(named = "LEAKGUARD_REAL_WINDOWS", matches = "1")
class WindowsRealOsTest {
    private final WindowsPlatform platform = new WindowsPlatform();
    private final Host host = platform.attach(new Host(HostInfo.current(), new LocalFiles(Path.of(System.getProperty("java.io.tmpdir"))),
            new ExecCommands(), false, Clock.systemUTC()));

    @Test
    void theSessionIsElevatedAndTheAdaptersAreTheOnesPowerShellLists() throws Exception {
        assertThat(Ports.machine(host).elevated()).isTrue();
        List<Adapter> adapters = Ports.adapters(host).list();
        assertThat(adapters).anySatisfy(a -> assertThat(a.carriesDns() && !a.dnsServers().isEmpty()).isTrue());
        JsonNode listed = PowerShell.JSON.readTree(ps("ConvertTo-Json -Compress -InputObject @(Get-NetAdapter | ForEach-Object {"
                + " [string]$_.InterfaceGuid })"));
        List<String> guids = adapters.stream().map(a -> a.guid().toUpperCase(Locale.ROOT)).toList();
        for (String g : PsJson.strings(listed)) {
            assertThat(guids).contains(g.toUpperCase(Locale.ROOT));
        }
        assertThat(platform.resolversInUse(host)).isNotEmpty();
    }

    @Test
    void registryValuesKeepTheirTypeThroughApplyAndUndo() throws Exception {
        String key = "HKLM\\SOFTWARE\\leakguard-test-" + UUID.randomUUID();
        RegistryWrite w = new RegistryWrite(key, List.of(new RegEntry("D", RegValue.dword(0xFFFFFFFFL)), new RegEntry("S", RegValue.sz("x y")),
                new RegEntry("M", RegValue.multiSz(List.of("a", "b"))), new RegEntry("E", new RegValue(RegType.EXPAND_SZ, 0, List.of("%TEMP%")))),
                "real-OS test");
        BeforeImage before = w.capture(host);
        w.apply(host);

        String q = run(SystemPrograms.path(host, "System32\\reg.exe"), "query", key);
        assertThat(q).contains("REG_DWORD", "0xffffffff", "REG_SZ", "x y", "REG_MULTI_SZ", "a\\0b", "REG_EXPAND_SZ", "%TEMP%");
        for (RegEntry e : w.entries()) {
            assertThat(Ports.registry(host).value(key, e.name())).contains(e.value());
        }
        w.undo(host, before);
        assertThat(Ports.registry(host).keyExists(key)).isFalse();
    }

    @Test
    void aPolicyIsAppliedReadBackWithOtherToolsAndRolledBack() throws Exception {
        Spec spec = new Spec(new Resolvers(platform.resolversInUse(host), List.of(), null, true, null, null, null), Toggle.DISABLE,
                null, new Firewall(PortRule.BLOCK_OTHERS, PortRule.BLOCK_OTHERS, DohRule.BLOCK, List.of()),
                new Browsers(BrowserDoh.OFF), null, null, Toggle.DISABLE);
        List<Control<?>> controls = platform.controls().stream().filter(c -> c.governs(spec)).toList();
        List<Change> changes = new ArrayList<>();
        for (Control<?> c : controls) {
            changes.addAll(plan(c, spec).changes());
        }
        List<BeforeImage> before = new ArrayList<>();
        try {
            for (Change c : changes) {
                before.add(c.capture(host));
                c.apply(host);
            }

            assertThat(run(SystemPrograms.path(host, "System32\\reg.exe"), "query", Keys.DNS_POLICY, "/v", "DisableSmartNameResolution")).contains("REG_DWORD", "0x1");
            assertThat(run(SystemPrograms.path(host, "System32\\reg.exe"), "query", Keys.DNS_POLICY, "/v", "EnableMulticast")).contains("REG_DWORD", "0x0");
            assertThat(run(SystemPrograms.path(host, "System32\\reg.exe"), "query", BrowsersControl.CHROMIUM.get("Edge"), "/v", "DnsOverHttpsMode")).contains("REG_SZ", "off");
            JsonNode rules = PowerShell.JSON.readTree(ps("ConvertTo-Json -Compress -Depth 4 -InputObject @(Get-NetFirewallRule -Group"
                    + " leakguard | ForEach-Object { [ordered]@{ name = $_.Name; action = [string]$_.Action; remote ="
                    + " @(($_ | Get-NetFirewallAddressFilter).RemoteAddress) } })"));
            assertThat(rules.findValuesAsText("name")).contains("leakguard-dns-udp", "leakguard-dns-tcp", "leakguard-dot-tcp", "leakguard-doh-tcp");
            assertThat(rules.findValuesAsText("action")).containsOnly("Block");
            assertThat(ps("ConvertTo-Json -Compress -InputObject @(Get-DnsClientNrptRule | Where-Object DisplayName -eq 'leakguard'"
                    + " | ForEach-Object { $_.Namespace })")).contains(".");
            for (Control<?> c : controls) {
                assertThat(plan(c, spec).changes()).as("%s after apply", c.id()).isEmpty();
            }
        } finally {
            for (int i = before.size() - 1; i >= 0; i--) {
                changes.get(i).undo(host, before.get(i));
            }
        }
        for (int i = 0; i < before.size(); i++) {
            assertThat(changes.get(i).isAt(host, before.get(i))).as("%s is back", changes.get(i).target()).isTrue();
        }
        assertThat(ps("@(Get-NetFirewallRule -Group leakguard -ErrorAction SilentlyContinue).Count").strip()).isEqualTo("0");
    }

    /**
     * A routed policy with a program exception: one NRPT rule per routed domain, read back with
     * Get-DnsClientNrptRule; a route rule repaired in place (Set-DnsClientNrptRule keeps its Name);
     * the exception's allow rules carry the program (Get-NetFirewallApplicationFilter); all rolled back.
     */
    @Test
    void aRoutedPolicyWithAProgramExceptionIsAppliedRepairedAndRolledBack() throws Exception {
        String program = System.getenv("SystemRoot") + "\\System32\\nslookup.exe";
        Spec spec = new Spec(new Resolvers(platform.resolversInUse(host), List.of(), null, true, null, null, null,
                List.of(new org.leakguard.agent.policy.Route(List.of("corp.example"), Specs.ips("192.0.2.53")))), null, null,
                new Firewall(PortRule.BLOCK_OTHERS, PortRule.BLOCK_OTHERS, DohRule.OFF, List.of(),
                        List.of(org.leakguard.agent.policy.Exemption.program(program)), null), null, null);
        List<Control<?>> controls = platform.controls().stream().filter(c -> c.governs(spec)).toList();
        List<Change> changes = new ArrayList<>();
        for (Control<?> c : controls) {
            changes.addAll(plan(c, spec).changes());
        }
        List<BeforeImage> before = new ArrayList<>();
        try {
            for (Change c : changes) {
                before.add(c.capture(host));
                c.apply(host);
            }
            String corp = "@(Get-DnsClientNrptRule | Where-Object { $_.DisplayName -eq 'leakguard' -and @($_.Namespace) -contains"
                    + " '.corp.example' })";
            JsonNode rule = PowerShell.JSON.readTree(ps("ConvertTo-Json -Compress -InputObject @(" + corp + " | ForEach-Object {"
                    + " [ordered]@{ name = $_.Name; namespace = @($_.Namespace); servers = @($_.NameServers) } })"));
            assertThat(rule.toString()).contains("192.0.2.53", "\".corp.example\",\"corp.example\"");
            String id = ProgramExceptions.PREFIX + ProgramPath.id(program);
            assertThat(ps("(Get-NetFirewallRule -Name '" + id + "-udp' | Get-NetFirewallApplicationFilter).Program").strip())
                    .isEqualToIgnoringCase(program);
            for (Control<?> c : controls) {
                assertThat(plan(c, spec).changes()).as("%s after apply", c.id()).isEmpty();
            }
            String name = rule.findValuesAsText("name").get(0);
            ps("Set-DnsClientNrptRule -Name '" + name + "' -NameServers 198.51.100.9");
            ResolversControl resolvers = new ResolversControl();
            List<Change> repair = plan(resolvers, spec).changes();
            assertThat(repair).extracting(Change::target).containsExactly("NRPT rule \".corp.example\" (leakguard)");
            repair.get(0).apply(host);
            assertThat(ps(corp + " | ForEach-Object { $_.Name }").strip()).isEqualTo(name);
            assertThat(plan(resolvers, spec).changes()).isEmpty();
        } finally {
            for (int i = before.size() - 1; i >= 0; i--) {
                changes.get(i).undo(host, before.get(i));
            }
        }
        for (int i = 0; i < before.size(); i++) {
            assertThat(changes.get(i).isAt(host, before.get(i))).as("%s is back", changes.get(i).target()).isTrue();
        }
        assertThat(ps("@(Get-DnsClientNrptRule | Where-Object DisplayName -eq 'leakguard').Count").strip()).isEqualTo("0");
    }

    @Test
    void aDohEntryForAnUnusedAddressComesAndGoes() throws Exception {
        if (DohEntry.read(host).isEmpty()) {
            return; // This Windows has no DoH client: nothing to register, as DohControl reports.
        }
        DohEntry want = new DohEntry("203.0.113.53", "https://dns.corp.example/dns-query", true, false);
        ScriptState d = want.change("real-OS test");
        BeforeImage before = d.capture(host);
        d.apply(host);
        assertThat(DohEntry.find(DohEntry.read(host).orElseThrow(), "203.0.113.53")).contains(want);
        d.undo(host, before);
        assertThat(d.isAt(host, before)).isTrue();
    }

    /** Every diagnose topic reads on a real Windows: no script fails, none is "unknown". */
    @Test
    void everyDiagnoseTopicReads() throws Exception {
        assertThat(platform.diagnose(host)).extracting(d -> d.topic() + ": " + d.summary())
                .noneMatch(line -> line.contains("unknown: could not read"));
        HyperVState hv = HyperVState.read(host);
        assertThat(hv.firewall()).isEqualTo(!ps("@(Get-Command New-NetFirewallHyperVRule -ErrorAction SilentlyContinue).Count").strip().equals("0"));
    }

    /** Windows programs run from the Windows folder the registry names, never from PATH. */
    @Test
    void programsResolveUnderTheWindowsFolder() throws Exception {
        String ps = SystemPrograms.path(host, SystemPrograms.POWERSHELL);
        assertThat(Path.of(ps)).isAbsolute().exists();
        assertThat(ps.toLowerCase(Locale.ROOT)).isEqualTo((System.getenv("SystemRoot") + "\\" + SystemPrograms.POWERSHELL).toLowerCase(Locale.ROOT));
    }

    private <O> Assessment plan(Control<O> c, Spec spec) throws Exception {
        return c.plan(spec, c.observe(spec, host));
    }

    private String ps(String script) throws Exception {
        return run(SystemPrograms.path(host, SystemPrograms.POWERSHELL), "-NoProfile", "-NonInteractive", "-Command", script);
    }

    private String run(String... argv) throws Exception {
        CommandResult r = host.commands().run(new Command(List.of(argv), "", null));
        assertThat(r.exitCode()).as("%s: %s", String.join(" ", argv), r.stderr()).isZero();
        return r.stdout();
    }
}
