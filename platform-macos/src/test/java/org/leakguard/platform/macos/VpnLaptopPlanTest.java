package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.engine.Engine;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyLoader;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.report.TextReport;

/** {@code agent plan policies/vpn-laptop.yaml} on a Mac: the shipped policy through the real loader, engine and text report, on fakes. */
class VpnLaptopPlanTest {
    static final Path VPN_LAPTOP = Path.of("").toAbsolutePath().getParent().resolve("policies/vpn-laptop.yaml");

    @TempDir
    Path tmp;

    Path root;
    final ScriptedCommands commands = MacHosts.asRoot(new ScriptedCommands());
    final FakePf pf = new FakePf(commands, "18446743525445205896");

    @BeforeEach
    void mac() throws Exception {
        root = tmp.resolve("mac");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/pf.conf"), Captures.text("pf.conf--stock"));
        new FakeNetworksetup(commands).service("Wi-Fi", true, List.of(), ResolversControlTest.AUTO)
                .acceptEverywhere(ServiceSetting.DNS_SERVERS, List.of("203.0.113.1"))
                .scutilFollows(root);
        pf.user("vpnclient", 502);
        new FakeDefaults(commands, root).acceptsPolicy(BrowserDoh.OFF, null);
    }

    @Test
    void thePlanShowsEachResolverFileTheExceptionsAndTheRouteServersInTheAnchor() throws Exception {
        LoadedPolicy policy = new PolicyLoader().parse("vpn-laptop.yaml", Files.readAllBytes(VPN_LAPTOP));

        Report plan = engine(MacHosts.online(root, commands)).plan(policy, "plan", List.of());
        String text = TextReport.render(plan, true);

        assertThat(text).contains("write /etc/resolver/corp.example: names under corp.example go only to 192.0.2.53,"
                + " 192.0.2.54 (there was no such file)", "write /etc/resolver/corp.internal:", "+nameserver 192.0.2.53",
                "+nameserver 192.0.2.54");
        assertThat(text).contains("table <leakguard_dns_routes> const { 192.0.2.53 192.0.2.54 }",
                "pass out quick proto udp from any to any port 53 user 502 label",
                "pass out quick proto tcp from any to <leakguard_dns_routes> port 853 label");
        assertThat(text).contains("firewall.exceptions[0] cgroup system.slice/system-openvpn\\x2dclient.slice/openvpn-client@corp.service:"
                + " not applicable on macOS", "firewall.exceptions[2] program C:\\Program Files\\OpenVPN\\bin\\openvpn.exe:"
                + " not applicable on macOS", "exception in force: firewall.exceptions[1] user vpnclient (uid 502)",
                "firewall.portal: macOS opens no captive-portal window");
        assertThat(text.indexOf("user 502 label")).isLessThan(text.indexOf("block return out quick proto udp"));
        assertThat(commands.argvs()).noneMatch(a -> a.contains("-setdnsservers") || a.contains("-f"));
        assertThat(root.resolve("etc/resolver")).doesNotExist();
    }

    @Test
    void appliedItVerifiesAgainstScutilAndRollsBackFromTheJournal() throws Exception {
        // The shipped policy without its leak probes, which need a network this test does not have.
        String yaml = Files.readString(VPN_LAPTOP).replace("probes: true", "probes: false");
        LoadedPolicy policy = new PolicyLoader().parse("vpn-laptop.yaml", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var spec = policy.policy().spec();
        pf.acceptKills(FirewallControl.killTargets(spec, PfRules.wanted(spec, false, new java.util.ArrayList<>()).orElseThrow(),
                Specs.ips("198.51.100.1")));
        Host host = MacHosts.online(root, commands);

        Report applied = engine(host).apply(policy, List.of());

        assertThat(applied.result()).as(TextReport.render(applied)).isEqualTo(Result.REMEDIATED);
        assertThat(Files.readString(root.resolve("etc/resolver/corp.internal"))).contains("nameserver 192.0.2.54\n");
        assertThat(PfObserve.anchorRules(host)).contains("port = 53 user = 502 keep state label");
        Report again = engine(host).check(policy, List.of());
        assertThat(TextReport.render(again)).contains("routed: scutil --dns resolver #8 (corp.internal): 192.0.2.53, 192.0.2.54",
                "routed: scutil --dns resolver #9 (corp.example)");
        assertThat(again.controls()).allSatisfy(c -> assertThat(c.changes()).isEmpty());

        Report rolled = engine(host).rollback(java.util.Optional.empty(), List.of());

        assertThat(rolled.result()).as(TextReport.render(rolled)).isEqualTo(Result.ROLLED_BACK);
        assertThat(root.resolve("etc/resolver")).doesNotExist();
        assertThat(pf.loaded).isBlank();
    }

    private Engine engine(Host host) throws Exception {
        ObjectMapper json = new ObjectMapper();
        json.registerSubtypes(new MacPlatform().journalTypes().toArray(Class<?>[]::new));
        StateDir state = new StateDir(tmp.resolve("state"), json);
        state.prepare();
        return new Engine(new MacPlatform(), host, state, Verifier.UNAVAILABLE, MacHosts.CLOCK);
    }
}
