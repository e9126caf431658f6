package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.engine.Engine;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyLoader;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * The resolvers control with {@code resolvers.routes}: /etc/resolver files written and undone, and
 * judged from the scutil --dns that configd would print with them (FakeConfigd).
 */
class SplitDnsControlTest {
    static final Spec SPEC = Specs.routed(List.of(SplitDnsTest.CORP), "203.0.113.53");

    @TempDir
    Path root;

    final ScriptedCommands commands = MacHosts.asRoot(new ScriptedCommands());
    final FakeNetworksetup ns = new FakeNetworksetup(commands);
    final ResolversControl control = new ResolversControl();

    Host host() {
        ns.service("Wi-Fi", true, List.of("203.0.113.53"), ResolversControlTest.AUTO).scutilFollows(root);
        return MacHosts.online(root, commands);
    }

    @Test
    void eachRoutedDomainGetsItsFileScutilListsItAndUndoLeavesNoFolderBehind() throws Exception {
        Host host = host();

        Assessment first = ControlContract.holds(control, SPEC, host);

        assertThat(first.changes()).extracting(Change::target).containsExactly("/etc/resolver/corp.example",
                "/etc/resolver/corp.internal");
        assertThat(first.findings()).extracting(Finding::message).filteredOn(m -> m.contains("resolvers.routes"))
                .hasSize(2).allSatisfy(m -> assertThat(m).contains("lists no resolver for it", "judged again"));
        assertThat(root.resolve("etc/resolver")).doesNotExist();
    }

    @Test
    void afterApplyScutilListsTheFilesAfterTheMdnsResolversAndTheCheckSaysRouted() throws Exception {
        Host host = host();
        for (Change c : control.plan(SPEC, control.observe(SPEC, host)).changes()) {
            c.apply(host);
        }

        String scutil = ns.scutil();
        Assessment now = control.plan(SPEC, control.observe(SPEC, host));

        assertThat(scutil).contains("resolver #7\n  domain   : b.e.f.ip6.arpa", "resolver #8\n  domain   : corp.internal\n"
                + "  nameserver[0] : 192.0.2.53\n  nameserver[1] : 2001:db8::53\n  flags    : Request A records,"
                + " Request AAAA records\n  reach    : 0x00000002 (Reachable)\n\nresolver #9\n  domain   : corp.example\n");
        assertThat(now.status()).isEqualTo(Status.COMPLIANT);
        assertThat(now.findings()).extracting(Finding::message)
                .contains("routed: scutil --dns resolver #9 (corp.example): 192.0.2.53, 2001:db8::53",
                        "routed: scutil --dns resolver #8 (corp.internal): 192.0.2.53, 2001:db8::53")
                .noneMatch(m -> m.contains("bypass"));
        assertThat(Files.readString(root.resolve("etc/resolver/corp.example"))).endsWith("nameserver 2001:db8::53\n");
    }

    @Test
    void anAdminsFileOfTheSameNameIsTheBeforeImageAndComesBackOnUndo() throws Exception {
        Files.createDirectories(root.resolve("etc/resolver"));
        Files.writeString(root.resolve("etc/resolver/corp.example"), "nameserver 10.0.0.1\nsearch_order 1\n");
        Host host = host();

        Assessment plan = control.plan(SPEC, control.observe(SPEC, host));
        List<BeforeImage> before = new ArrayList<>();
        for (Change c : plan.changes()) {
            before.add(c.capture(host));
            c.apply(host);
        }
        assertThat(Files.readString(root.resolve("etc/resolver/corp.example"))).startsWith("# leakguard: ");
        for (int i = plan.changes().size() - 1; i >= 0; i--) {
            plan.changes().get(i).undo(host, before.get(i));
        }

        assertThat(Files.readString(root.resolve("etc/resolver/corp.example"))).isEqualTo("nameserver 10.0.0.1\nsearch_order 1\n");
        assertThat(root.resolve("etc/resolver/corp.internal")).doesNotExist();
        assertThat(plan.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("exists and was not written by leakguard"));
    }

    @Test
    void aVpnSendingARoutedDomainElsewhereKeepsItNonCompliantAfterApply() throws Exception {
        ns.vpn(Captures.text("scutil-show-service-dns--vpn-corp-split.txt"));
        Host host = host();
        for (Change c : control.plan(SPEC, control.observe(SPEC, host)).changes()) {
            c.apply(host);
        }

        Assessment now = control.plan(SPEC, control.observe(SPEC, host));

        assertThat(now.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(now.changes()).isEmpty();
        assertThat(now.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("resolvers.routes corp.example: scutil --dns resolver #2"
                        + " (corp.example) on utun3: 198.51.100.77, not only the route's servers"))
                .anySatisfy(m -> assertThat(m).contains("scoped resolver #2 on utun3 asks 198.51.100.77"));
        List<org.leakguard.agent.spi.Diagnosis> diagnosed = MacDiagnosis.resolvers(ScutilDns.parse(ns.scutil()));
        assertThat(diagnosed).filteredOn(d -> d.topic().equals("per-domain routing")).singleElement().satisfies(d -> {
            assertThat(d.summary()).startsWith("names under corp.example, corp.internal go to their own resolvers");
            assertThat(d.evidence()).containsExactly(
                    "corp.example -> 198.51.100.77 (resolver #2, a network service's supplemental match domain on utun3)",
                    "corp.internal -> 192.0.2.53, 2001:db8::53 (resolver #9, an /etc/resolver file)",
                    "corp.example -> 192.0.2.53, 2001:db8::53 (resolver #10, an /etc/resolver file)");
        });
    }

    @Test
    void droppingTheRoutesRemovesOnlyLeakguardsFiles() throws Exception {
        Host host = host();
        for (Change c : control.plan(SPEC, control.observe(SPEC, host)).changes()) {
            c.apply(host);
        }
        Files.writeString(root.resolve("etc/resolver/lab.example"), "nameserver 127.0.0.1\nport 5353\n");
        Spec unrouted = Specs.pin("203.0.113.53");

        Assessment a = control.plan(unrouted, control.observe(unrouted, host));

        assertThat(a.changes()).extracting(Change::summary).containsExactly(
                "delete /etc/resolver/corp.example: corp.example is no longer routed by the policy",
                "delete /etc/resolver/corp.internal: corp.internal is no longer routed by the policy");
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("resolver #8 (lab.example): 127.0.0.1", "bypass"));
    }

    @Test
    void theFilesAreWrittenBeforeTheServicesArePinnedAndRemovedOnlyAfterRollbackPutsThemBack() throws Exception {
        ns.service("Wi-Fi", true, List.of(), ResolversControlTest.AUTO).scutilFollows(root)
                .accept(ServiceSetting.DNS_SERVERS, "Wi-Fi", List.of("203.0.113.53"));
        Host host = MacHosts.online(root, commands);
        LoadedPolicy policy = new PolicyLoader().parse("routes.yaml", ROUTED_POLICY.getBytes(StandardCharsets.UTF_8));

        Report applied = engine(host).apply(policy, List.of());
        Report rolled = engine(host).rollback(Optional.empty(), List.of());

        assertThat(applied.result()).as(applied.toString()).isEqualTo(Result.REMEDIATED);
        assertThat(rolled.result()).as(rolled.toString()).isEqualTo(Result.ROLLED_BACK);
        assertThat(ns.sets).as("no routed name reaches the pinned server while apply or rollback runs").containsExactly(
                "Wi-Fi DNS_SERVERS [203.0.113.53] while /etc/resolver held [corp.example, corp.internal]",
                "Wi-Fi DNS_SERVERS [] while /etc/resolver held [corp.example, corp.internal]");
        assertThat(root.resolve("etc/resolver")).doesNotExist();
    }

    static final String ROUTED_POLICY = """
            apiVersion: leakguard/v1
            kind: DnsLeakPolicy
            metadata: {name: mac-routes}
            spec:
              resolvers:
                servers: [203.0.113.53]
                routes:
                  - domains: [corp.example, corp.internal]
                    servers: [192.0.2.53, 2001:db8::53]
              verify: {probes: false}
            """;

    /** A fresh engine and journal per run, as every agent process has. */
    private Engine engine(Host host) throws Exception {
        ObjectMapper json = new ObjectMapper();
        json.registerSubtypes(new MacPlatform().journalTypes().toArray(Class<?>[]::new));
        StateDir state = new StateDir(root.resolve("var/lib/leakguard-state"), json);
        state.prepare();
        return new Engine(new MacPlatform(), host, state, Verifier.UNAVAILABLE, MacHosts.CLOCK);
    }
}
