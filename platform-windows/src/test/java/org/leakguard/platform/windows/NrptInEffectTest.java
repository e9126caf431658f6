package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * resolvers.routes judged by the NRPT in effect, where other owners' rules (a VPN client's) can
 * send routed names elsewhere while leakguard's own rules are intact; against the fake NRPT.
 */
class NrptInEffectTest {
    private static final Spec ROUTED = Specs.spec(Specs.routed());
    private static final String VPN_RULE = "{00000000-0000-4000-8000-0000000000b0}";

    private final ResolversControl control = new ResolversControl();
    private final FakeWindows win = ResolversControlTest.laptop();

    private void apply(Spec spec) throws Exception {
        for (Change c : check(spec).changes()) {
            c.apply(win.host());
        }
    }

    private Assessment check(Spec spec) throws Exception {
        return control.plan(spec, control.observe(spec, win.host()));
    }

    /** A VPN client's rule under a routed domain sends those names elsewhere: non-compliant, naming the rule and its owner. */
    @Test
    void anotherOwnersRuleUnderARoutedDomainIsNonCompliant() throws Exception {
        apply(ROUTED);
        win.nrpt.local.add(vpnRule(".vpn.corp.example"));

        Assessment a = check(ROUTED);

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).as("another owner's rule is not leakguard's to change").isEmpty();
        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).singleElement().satisfies(f ->
                assertThat(f.message()).startsWith("resolvers.routes corp.example: in effect .vpn.corp.example -> [198.51.100.99]")
                        .contains("rule " + VPN_RULE + " of VPN client", "only to the route's servers [192.0.2.53, 2001:db8:2::53]"));
    }

    /**
     * The VPN client's rule also lists a namespace leakguard's rule lists: whether the policy in
     * effect then shows both, or only one of them, is not known, and the route is non-compliant in
     * every case, the rule and its owner named.
     */
    @ParameterizedTest
    @EnumSource(value = FakeNrpt.Shared.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void anotherOwnersRuleSharingARoutedNamespaceIsNonCompliantWhateverWindowsShows(FakeNrpt.Shared shown) throws Exception {
        win.nrpt.shared = shown;
        apply(ROUTED);
        for (List<String> namespaces : List.of(List.of(".vpn.corp.example", ".corp.example"), List.of(".corp.example"))) {
            win.nrpt.local.removeIf(r -> r.name().equals(VPN_RULE));
            win.nrpt.local.add(vpnRule(namespaces.toArray(String[]::new)));

            Assessment a = check(ROUTED);

            assertThat(a.status()).as("%s", namespaces).isEqualTo(Status.NON_COMPLIANT);
            assertThat(a.findings()).as("%s", namespaces).filteredOn(f -> f.severity() == Finding.Severity.ERROR).singleElement()
                    .satisfies(f -> assertThat(f.message()).startsWith("resolvers.routes corp.example: ")
                            .contains("[198.51.100.99]", "rule " + VPN_RULE + " of VPN client"));
        }
    }

    /** Another owner's rule that sends a routed domain's names to the route's own servers changes nothing. */
    @Test
    void anotherOwnersRuleWithTheRoutesServersIsCompliant() throws Exception {
        apply(ROUTED);
        win.nrpt.local.add(new FakeNrpt.Rule(VPN_RULE, 2, List.of(".vpn.corp.internal"), List.of("2001:db8:2::53", "192.0.2.53"),
                List.of(), "VPN client", ""));

        assertThat(check(ROUTED).status()).isEqualTo(Status.COMPLIANT);
    }

    /** The scripts find leakguard's rules with -eq, which ignores case: a rule shown as "LeakGuard" is leakguard's. */
    @Test
    void aRuleWhoseDisplayNameDiffersInCaseIsLeakguards() throws Exception {
        apply(ROUTED);
        int i = win.nrpt.local.indexOf(win.nrpt.local.stream().filter(r -> r.namespace().contains(".corp.example")).findFirst().orElseThrow());
        FakeNrpt.Rule r = win.nrpt.local.get(i);
        win.nrpt.local.set(i, new FakeNrpt.Rule(r.name(), r.version(), r.namespace(), r.nameServers(), r.directAccessDnsServers(),
                "LeakGuard", r.comment()));

        Assessment a = check(ROUTED);

        assertThat(a.changes()).isEmpty();
        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
    }

    private static FakeNrpt.Rule vpnRule(String... namespaces) {
        return new FakeNrpt.Rule(VPN_RULE, 2, List.of(namespaces), List.of("198.51.100.99"), List.of(), "VPN client", "");
    }
}
