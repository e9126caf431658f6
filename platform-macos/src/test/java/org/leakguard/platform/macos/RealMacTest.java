package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.ExecCommands;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;

/**
 * On a real Mac, as root: apply the resolvers, IPv6 and firewall controls, read the result back
 * with networksetup and pfctl, roll back, and compare with what was there before. It changes the
 * machine's network settings, so it runs only where asked to (LEAKGUARD_REAL_MAC=1, set by
 * .github/workflows/macos.yml on a throwaway runner), never in a plain {@code mvn test}.
 */
@EnabledOnOs(OS.MAC)
@EnabledIfEnvironmentVariable(named = "LEAKGUARD_REAL_MAC", matches = "1")
class RealMacTest {
    /** Public resolvers that answer from anywhere, so the runner keeps working while they are pinned. */
    static final List<String> PINNED = List.of("9.9.9.9", "149.112.112.112");

    final Host host = new Host(HostInfo.current(), new LocalFiles(Path.of("/")), new ExecCommands(), false, Clock.systemUTC());

    @Test
    void applyReadBackRollBackCompare() throws Exception {
        Spec spec = new Spec(new Resolvers(Specs.ips(PINNED.toArray(String[]::new)), List.of(), null, true, Encryption.NONE, null,
                null), null, Toggle.DISABLE, new Firewall(PortRule.BLOCK_OTHERS, PortRule.BLOCK_OTHERS, DohRule.BLOCK, List.of()),
                null, null);
        List<String> services = ServiceReads.enabled(host, new ArrayList<>());
        assertThat(services).as("enabled network services").isNotEmpty();
        String dnsBefore = readBack(services, "-getdnsservers");
        String ipv6Before = ipv6(services);
        String anchorBefore = anchorRules();

        List<Change> applied = new ArrayList<>();
        List<BeforeImage> images = new ArrayList<>();
        try {
            for (Control<?> c : List.<Control<?>>of(new ResolversControl(), new Ipv6Control(), new FirewallControl())) {
                for (Change change : plan(c, spec).changes()) {
                    images.add(change.capture(host));
                    applied.add(change);
                    System.out.println("apply: " + change.summary());
                    change.apply(host);
                }
            }
            for (String s : services) {
                assertThat(ServiceSetting.DNS_SERVERS.parse(run(ServiceSetting.DNS_SERVERS.read(s)))).as(s).isEqualTo(PINNED);
                assertThat(Ipv6Setting.parse(run(Ipv6Setting.read(s))).mode()).as(s).isEqualTo(Ipv6Mode.OFF);
            }
            String rules = anchorRules();
            System.out.println("pfctl -a " + PfRuleset.ANCHOR + " -sr:\n" + rules);
            assertThat(PfOutput.labels(rules)).isEqualTo(PfRules.wanted(spec, false, new ArrayList<>()).orElseThrow().labels());
            for (Control<?> c : List.<Control<?>>of(new ResolversControl(), new Ipv6Control(), new FirewallControl())) {
                Assessment again = plan(c, spec);
                assertThat(again.changes()).as(c.id() + " after apply: " + again.findings()).isEmpty();
            }
        } finally {
            for (int i = applied.size() - 1; i >= 0; i--) {
                System.out.println("undo: " + applied.get(i).summary());
                applied.get(i).undo(host, images.get(i));
            }
        }
        for (int i = 0; i < applied.size(); i++) {
            assertThat(applied.get(i).isAt(host, images.get(i))).as("back: " + applied.get(i).target()).isTrue();
        }
        assertThat(readBack(services, "-getdnsservers")).isEqualTo(dnsBefore);
        assertThat(ipv6(services)).isEqualTo(ipv6Before);
        assertThat(anchorRules()).isEqualTo(anchorBefore);
    }

    private <O> Assessment plan(Control<O> control, Spec spec) throws Exception {
        return control.plan(spec, control.observe(spec, host));
    }

    private String readBack(List<String> services, String option) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String s : services) {
            out.append(s).append(": ").append(run(Tools.argv(option, s, List.of())));
        }
        return out.toString();
    }

    private String ipv6(List<String> services) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String s : services) {
            out.append(s).append(": ").append(Ipv6Setting.parse(run(Ipv6Setting.read(s)))).append('\n');
        }
        return out.toString();
    }

    private String anchorRules() throws Exception {
        return String.join("\n", PfOutput.rules(run(Pfctl.ANCHOR_RULES)));
    }

    private String run(List<String> argv) throws Exception {
        var r = host.commands().run(new Command(argv, null, null));
        assertThat(r.exitCode()).as(String.join(" ", argv) + ": " + r.stderr()).isZero();
        return r.stdout();
    }
}
