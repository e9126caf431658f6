package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.engine.Engine;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyLoader;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;

/**
 * The whole platform through the real engine and journal: a policy with every Windows section is
 * applied to the fake host, then a second engine (as after a restart) reads the journal back and
 * rolls everything back to the registry, rules and lists there were before.
 */
class WindowsEngineTest {
    static final String POLICY = """
            apiVersion: leakguard/v1
            kind: DnsLeakPolicy
            metadata: {name: windows-all}
            spec:
              resolvers:
                servers: [203.0.113.53, "2001:db8::53"]
                searchDomains: [corp.example]
                encryption: doh
                dohTemplate: https://dns.corp.example/dns-query
              smartNameResolution: disable
              localNameResolution: disable
              ipv6: disable
              windows: {disabledComponents: 0xFF, unbindIpv6: true, dohPolicy: allow}
              firewall: {plainDns: block-others, dnsOverTls: block-others, publicDoh: block}
              browsers: {doh: "off"}
              verify: {probes: false}
            """;

    @TempDir
    Path tmp;

    private final FakeWindows win = ResolversControlTest.laptop();
    private final WindowsPlatform platform = new WindowsPlatform();

    private Engine engine() throws Exception {
        ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        json.registerSubtypes(platform.journalTypes().toArray(Class<?>[]::new));
        StateDir state = new StateDir(tmp.resolve("state"), json);
        state.prepare();
        Host host = platform.attach(win.host());
        return new Engine(platform, host, state, Verifier.UNAVAILABLE, FakeWindows.CLOCK);
    }

    private static LoadedPolicy policy() throws Exception {
        return new PolicyLoader().parse("windows-all.yaml", POLICY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void applyThenRollbackFromTheJournalRestoresEverything() throws Exception {
        win.registry.put(BrowsersControl.CHROMIUM.get("Edge"), "DnsOverHttpsMode", RegValue.sz("automatic"))
                .put(Keys.TCPIP6, Ipv6Control.VALUE, RegValue.dword(0x20)).key(Keys.DNSCACHE)
                .key(Keys.NETBT_INTERFACES + "\\Tcpip_{00000000-0000-4000-8000-000000000001}");
        Map<String, Map<String, RegValue>> before = win.registry.snapshot();

        Report applied = engine().apply(policy(), List.of());

        assertThat(applied.controls()).extracting(c -> c.id() + " " + c.status().label()).contains("resolvers changed",
                "encryption changed", "smartNameResolution changed", "localNameResolution changed", "ipv6 changed",
                "firewall changed", "browsers changed");
        assertThat(applied.result()).isNotEqualTo(Result.ROLLED_BACK);
        assertThat(win.registry.value(Keys.DNS_POLICY, "EnableMulticast")).contains(RegValue.dword(0));
        assertThat(win.fw.persistent).hasSize(6);
        assertThat(journal()).contains("\"kind\":\"windows-registry\"", "\"kind\":\"windows-adapter-dns\"",
                "\"kind\":\"windows-script-state\"", "\"kind\":\"windows-registry-image\"");

        Report undone = engine().rollback(Optional.empty(), List.of());

        assertThat(undone.result()).as("%s", undone.messages()).isEqualTo(Result.ROLLED_BACK);
        assertThat(win.registry.snapshot()).isEqualTo(before);
        assertThat(win.fw.persistent).isEmpty();
        assertThat(win.nrpt.leakguards()).isEmpty();
        assertThat(win.doh.entries).isEmpty();
        assertThat(win.bindings).doesNotContainValue(false);
    }

    /**
     * DoT through the engine: netsh per server, journaled, kept (nothing still differs) but not
     * proven, since the global dot= switch is unreadable; a restarted engine rolls it back exactly.
     */
    @Test
    void dotIsAppliedKeptUnprovenAndRolledBackFromTheJournal() throws Exception {
        win.registry.put(SystemPrograms.CURRENT_VERSION, DotPlan.BUILD, RegValue.sz("25158")).key(Keys.DOH_SERVERS);
        win.doh.netshDot("203.0.113.53", "dns.corp.example");
        Map<String, Map<String, RegValue>> before = win.registry.snapshot();
        LoadedPolicy dot = new PolicyLoader().parse("windows-dot.yaml", """
                apiVersion: leakguard/v1
                kind: DnsLeakPolicy
                metadata: {name: windows-dot}
                spec:
                  resolvers: {servers: [203.0.113.53], encryption: dot, tlsName: dns.corp.example}
                  verify: {probes: false}
                """.getBytes(StandardCharsets.UTF_8));

        Report applied = engine().apply(dot, List.of());

        assertThat(applied.controls()).extracting(c -> c.id() + " " + c.status().label()).contains("encryption changed");
        assertThat(applied.result()).as("%s", applied.messages()).isEqualTo(Result.NON_COMPLIANT);
        assertThat(win.registry.value(DotEntry.key("203.0.113.53"), DotEntry.HOST)).contains(RegValue.sz("dns.corp.example"));
        assertThat(journal()).contains("\"kind\":\"windows-dot-server\"", "\"kind\":\"windows-dot-image\"");

        Report undone = engine().rollback(Optional.empty(), List.of());

        assertThat(undone.result()).as("%s", undone.messages()).isEqualTo(Result.ROLLED_BACK);
        assertThat(win.registry.snapshot()).isEqualTo(before);
    }

    @Test
    void withoutElevationNothingChangesAndTheReportSaysWhy() throws Exception {
        win.machine.elevated = false;
        Map<String, Map<String, RegValue>> before = win.registry.snapshot();

        Report r = engine().apply(policy(), List.of());

        // Asked before the first change: an error (exit 1) with no transaction, not a rollback.
        assertThat(r.result()).isEqualTo(Result.ERROR);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.transaction()).isNull();
        assertThat(r.messages()).anySatisfy(m -> assertThat(m).contains(Ports.NOT_ELEVATED).endsWith("nothing was changed"));
        assertThat(win.registry.snapshot()).isEqualTo(before);
        assertThat(win.ran()).noneMatch(c -> c.contains("DNS_SET") || c.contains("REPLACE") || c.startsWith("netsh dnsclient add"));
    }

    private String journal() throws Exception {
        try (Stream<Path> files = Files.walk(tmp.resolve("state"))) {
            StringBuilder all = new StringBuilder();
            for (Path p : files.filter(p -> p.getFileName().toString().equals("journal.jsonl")).toList()) {
                all.append(Files.readString(p));
            }
            return all.toString();
        }
    }
}
