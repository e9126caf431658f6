package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.engine.Engine;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyLoader;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.TextReport;

/** What {@code agent plan policies/vpn-laptop.yaml} prints on the Windows laptop of ipconfig-all-laptop-vpn.txt. */
class VpnLaptopPlanTest {
    private static final Path POLICY = Path.of("..", "policies", "vpn-laptop.yaml");

    @TempDir
    Path tmp;

    private final FakeWindows win = ResolversControlTest.laptop();

    private String plan() throws Exception {
        WindowsPlatform platform = new WindowsPlatform();
        ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        json.registerSubtypes(platform.journalTypes().toArray(Class<?>[]::new));
        StateDir state = new StateDir(tmp.resolve("state"), json);
        state.prepare();
        Engine engine = new Engine(platform, platform.attach(win.host()), state, Verifier.UNAVAILABLE, FakeWindows.CLOCK);
        LoadedPolicy policy = new PolicyLoader().load(POLICY);
        Report r = engine.plan(policy, "plan", List.of());
        return TextReport.render(r, true);
    }

    @Test
    void theRoutedPolicyPlansARulePerDomainTheRouteServersOpenAndTheVpnClientsRules() throws Exception {
        String text = plan();

        assertThat(text).contains("[resolvers] replace NRPT rule \".\" (leakguard)",
                "(absent) -> [{\"namespace\":[\".\"],\"nameServers\":[\"203.0.113.1\"]}]",
                "[resolvers] replace NRPT rule \".corp.example\" (leakguard)",
                "(absent) -> [{\"namespace\":[\".corp.example\",\"corp.example\"],\"nameServers\":[\"192.0.2.53\",\"192.0.2.54\"]}]",
                "[resolvers] replace NRPT rule \".corp.internal\" (leakguard)",
                "(absent) -> [{\"namespace\":[\".corp.internal\",\"corp.internal\"],\"nameServers\":[\"192.0.2.53\",\"192.0.2.54\"]}]");
        // 53 stays open to the VPN's resolver and both corporate ones, and to nothing else.
        assertThat(text).contains("+leakguard-dns-udp | Outbound | Block | True | UDP | 53 | 0.0.0.0-126.255.255.255,"
                + "128.0.0.0-192.0.2.52,192.0.2.55-203.0.113.0,203.0.113.2-255.255.255.255,::2-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | Any");
        String id = ProgramExceptions.PREFIX + ProgramPath.id("C:\\Program Files\\OpenVPN\\bin\\openvpn.exe");
        assertThat(text).contains("+" + id + "-udp | Outbound | Allow | True | UDP | 53,853 | Any | C:\\Program Files\\OpenVPN\\bin\\openvpn.exe",
                "+" + id + "-tcp | Outbound | Allow | True | TCP | 53,853 | Any | C:\\Program Files\\OpenVPN\\bin\\openvpn.exe");
        assertThat(text).contains("leakguard: DNS (UDP 53) only to the pinned and routed resolvers",
                "exception user vpnclient: not applicable on Windows", "exception cgroup system.slice/",
                "warning: exception program C:\\Program Files\\OpenVPN\\bin\\openvpn.exe: allowed by rules", "block rule win over any allow rule");
    }
}
