package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.engine.Engine;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyLoader;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;

/**
 * The whole macOS platform through the real engine and journal, on fakes: apply, a second apply
 * that changes nothing, then rollback from the journal by a fresh engine (as the next run would).
 */
class MacEngineTest {
    static final String POLICY = """
            apiVersion: leakguard/v1
            kind: DnsLeakPolicy
            metadata: {name: mac-engine}
            spec:
              resolvers: {servers: [203.0.113.53]}
              ipv6: disable
              firewall: {plainDns: block-others, dnsOverTls: block-others, publicDoh: block}
              browsers: {doh: "off"}
              verify: {probes: false}
            """;

    @TempDir
    Path tmp;

    @Test
    void applyThenRollbackPutsEveryServicePfAndFileBack() throws Exception {
        Path root = tmp.resolve("mac");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/pf.conf"), Captures.text("pf.conf--stock"));
        Files.createDirectories(root.resolve("Applications/Firefox.app/Contents/Resources"));
        ScriptedCommands commands = new ScriptedCommands();
        FakeNetworksetup ns = new FakeNetworksetup(commands)
                .service("Wi-Fi", true, List.of(), ResolversControlTest.AUTO)
                .service("Ethernet", true, List.of("198.51.100.1"), Ipv6ControlTest.MANUAL)
                .acceptEverywhere(ServiceSetting.DNS_SERVERS, List.of("203.0.113.53"))
                .scutilFollows();
        FakePf pf = new FakePf(commands, "18446743525445205896").heldBy("10051342025653898869");
        new FakeDefaults(commands, root).acceptsPolicy(org.leakguard.agent.policy.BrowserDoh.OFF, null);
        LoadedPolicy policy = new PolicyLoader().parse("mac.yaml", POLICY.getBytes(StandardCharsets.UTF_8));
        var spec = policy.policy().spec();
        pf.acceptKills(FirewallControl.killTargets(spec, PfRules.wanted(spec, false, new java.util.ArrayList<>()).orElseThrow(),
                Specs.ips("198.51.100.1", "198.51.100.10", "198.51.100.24")));
        Host host = MacHosts.online(root, commands);

        Report applied = engine(host).apply(policy, List.of());

        assertThat(applied.result()).as(applied.toString()).isEqualTo(Result.REMEDIATED);
        assertThat(applied.controls()).allSatisfy(c -> assertThat(c.status().label()).isEqualTo("changed"));
        assertThat(ns.dns).containsEntry("Wi-Fi", List.of("203.0.113.53")).containsEntry("Ethernet", List.of("203.0.113.53"));
        assertThat(ns.ipv6.values()).allMatch(s -> s.mode() == Ipv6Mode.OFF);
        assertThat(pf.references).containsKeys("18446743525445205896", "10051342025653898869");
        try (var journal = Files.walk(tmp.resolve("state"))) {
            assertThat(journal.filter(Files::isRegularFile).map(MacEngineTest::read))
                    .as("the -E token is in the journal").anySatisfy(t -> assertThat(t).contains("\"macos-pf-token\"",
                            "18446743525445205896"));
        }

        assertThat(root.resolve("Library/LaunchDaemons/org.leakguard.pf.plist")).exists();
        assertThat(root.resolve("Library/Preferences/org.mozilla.firefox.plist")).exists();
        assertThat(root.resolve("Applications/Firefox.app/Contents/Resources/distribution")).doesNotExist();

        Report again = engine(host).plan(policy, "plan", List.of());
        assertThat(again.controls()).allSatisfy(c -> assertThat(c.changes()).isEmpty());

        // Rollback releases the reference from the journal alone.
        Files.delete(root.resolve("var/db/leakguard/pf.token"));
        Report rolled = engine(host).rollback(Optional.empty(), List.of());

        assertThat(rolled.result()).as(rolled.toString()).isEqualTo(Result.ROLLED_BACK);
        assertThat(ns.dns).isEqualTo(Map.of("Wi-Fi", List.of(), "Ethernet", List.of("198.51.100.1")));
        assertThat(ns.ipv6).containsEntry("Ethernet", Ipv6ControlTest.MANUAL).containsEntry("Wi-Fi", ResolversControlTest.AUTO);
        assertThat(pf.references).containsOnlyKeys("10051342025653898869");
        assertThat(pf.loaded).isBlank();
        assertThat(root.resolve("Library/LaunchDaemons/org.leakguard.pf.plist")).doesNotExist();
        assertThat(root.resolve("etc/leakguard/pf.anchor")).doesNotExist();
        assertThat(root.resolve("Library/Preferences/org.mozilla.firefox.plist")).doesNotExist();
        assertThat(commands.argvs()).noneMatch(a -> a.equals(List.of("pfctl", "-d")));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A fresh engine and journal mapper per run, as every agent process has. */
    private Engine engine(Host host) throws Exception {
        ObjectMapper json = new ObjectMapper();
        json.registerSubtypes(new MacPlatform().journalTypes().toArray(Class<?>[]::new));
        StateDir state = new StateDir(tmp.resolve("state"), json);
        state.prepare();
        return new Engine(new MacPlatform(), host, state, Verifier.UNAVAILABLE, MacHosts.CLOCK);
    }
}
