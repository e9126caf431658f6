package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * resolvers.routes on Windows: an NRPT rule per routed domain beside the "." rule, read back with
 * Get-DnsClientNrptRule, repaired in place, and rolled back to exactly the rules there were,
 * against the fake NRPT, which lists rules by the GUIDs it makes up as Windows does.
 */
class SplitDnsTest {
    private static final Spec ROUTED = Specs.spec(Specs.routed());
    private static final Spec PINNED = Specs.spec(Specs.resolvers(org.leakguard.agent.policy.Encryption.NONE, "203.0.113.53", "2001:db8::53"));

    private final ResolversControl control = new ResolversControl();
    private final FakeWindows win = ResolversControlTest.laptop();

    private List<BeforeImage> apply(Spec spec) throws Exception {
        List<BeforeImage> before = new ArrayList<>();
        for (Change c : control.plan(spec, control.observe(spec, win.host())).changes()) {
            before.add(c.capture(win.host()));
            c.apply(win.host());
        }
        return before;
    }

    private Assessment check(Spec spec) throws Exception {
        return control.plan(spec, control.observe(spec, win.host()));
    }

    @Test
    void oneRulePerRoutedDomainBesidesTheCatchAll() throws Exception {
        Assessment a = ControlContract.holds(control, ROUTED, win.host());

        assertThat(a.changes()).extracting(Change::target).containsSubsequence("NRPT rule \".corp.example\" (leakguard)",
                "NRPT rule \".corp.internal\" (leakguard)", "NRPT rule \".\" (leakguard)");
        assertThat(win.nrpt.local).as("the contract undid every rule it added").isEmpty();

        apply(ROUTED);

        // IPv4 first as Windows keeps servers; the domain itself beside its suffix, which matches only names under it.
        assertThat(win.nrpt.leakguards()).containsExactlyInAnyOrder("[.] -> [203.0.113.53, 2001:db8::53]",
                "[.corp.example, corp.example] -> [192.0.2.53, 2001:db8:2::53]",
                "[.corp.internal, corp.internal] -> [192.0.2.53, 2001:db8:2::53]");
        assertThat(check(ROUTED).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void aRouteRuleWithOtherServersIsNonCompliantAndRepairedInPlace() throws Exception {
        apply(ROUTED);
        int i = indexOf(".corp.example");
        FakeNrpt.Rule tampered = win.nrpt.local.get(i).with(List.of(".corp.example", "corp.example"), List.of("198.51.100.9"));
        win.nrpt.local.set(i, tampered);

        Assessment a = check(ROUTED);

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).singleElement().satisfies(c -> {
            assertThat(c.target()).isEqualTo("NRPT rule \".corp.example\" (leakguard)");
            assertThat(c.summary()).contains("replaces [.corp.example,corp.example -> [198.51.100.9]]");
        });
        a.changes().get(0).apply(win.host());
        assertThat(win.nrpt.local.get(indexOf(".corp.example")).name()).as("Set-DnsClientNrptRule, same GUID").isEqualTo(tampered.name());
        assertThat(win.ran()).doesNotContain("powershell NRPT_RULE_REMOVE");
        assertThat(check(ROUTED).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void aMissingRouteRuleIsNonCompliant() throws Exception {
        apply(ROUTED);
        win.nrpt.local.remove(indexOf(".corp.internal"));

        Assessment a = check(ROUTED);

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).extracting(Change::target).containsExactly("NRPT rule \".corp.internal\" (leakguard)");
    }

    /**
     * Other owners' rules (a rule another tool added, from a capture; a VPN client's two, as the
     * table capture shows them) are untouched by apply and rollback, GUIDs included.
     */
    @Test
    void rollbackRemovesExactlyTheRulesLeakguardAdded() throws Exception {
        PsList.parse(Fixtures.capture("get-dnsclientnrptrule--local-rule-added-by-add-dnsclientnrptrule.txt"))
                .forEach(r -> win.nrpt.local.add(FakeNrpt.Rule.captured(r)));
        win.nrpt.localFromPolicyTable(Fixtures.capture("get-dnsclientnrptpolicy--format-table-two-namespaces.txt"));
        List<FakeNrpt.Rule> before = win.nrpt.listed();

        Assessment a = control.plan(ROUTED, control.observe(ROUTED, win.host()));
        List<BeforeImage> images = new ArrayList<>();
        for (Change c : a.changes()) {
            images.add(c.capture(win.host()));
            c.apply(win.host());
        }
        assertThat(win.nrpt.listed()).hasSize(before.size() + 3);
        for (int i = a.changes().size() - 1; i >= 0; i--) {
            a.changes().get(i).undo(win.host(), images.get(i));
        }

        assertThat(win.nrpt.listed()).isEqualTo(before);
    }

    @Test
    void aRouteThePolicyDropsIsRemovedAfterTheOtherChanges() throws Exception {
        apply(ROUTED);

        Assessment a = check(PINNED);

        assertThat(a.changes()).extracting(Change::target).containsExactly("NRPT rule \".corp.example\" (leakguard)",
                "NRPT rule \".corp.internal\" (leakguard)");
        for (Change c : a.changes()) {
            c.apply(win.host());
        }
        assertThat(win.nrpt.leakguards()).containsExactly("[.] -> [203.0.113.53, 2001:db8::53]");
    }

    /**
     * A leakguard rule listed twice (copied by hand) is made one again, the first kept in place,
     * whatever the policy in effect shows for the namespace the copies share (not known: {@link FakeNrpt.Shared}).
     */
    @ParameterizedTest
    @EnumSource(value = FakeNrpt.Shared.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void aDuplicatedRuleIsMadeOneAgain(FakeNrpt.Shared shown) throws Exception {
        win.nrpt.shared = shown;
        apply(ROUTED);
        FakeNrpt.Rule corp = win.nrpt.local.get(indexOf(".corp.example"));
        win.nrpt.local.add(new FakeNrpt.Rule("{00000000-0000-4000-8000-00000000dead}", 2, corp.namespace(), corp.nameServers(),
                List.of(), NrptRule.NAME, "copied"));

        Assessment a = check(ROUTED);
        a.changes().get(0).apply(win.host());

        assertThat(a.changes()).extracting(Change::target).containsExactly("NRPT rule \".corp.example\" (leakguard)");
        assertThat(win.nrpt.leakguards()).hasSize(3);
        assertThat(check(ROUTED).status()).isEqualTo(Status.COMPLIANT);
    }

    /** Windows ignores local NRPT rules under a domain GPO's: routed names would reach the pinned servers. */
    @Test
    void aDomainGpoNrptMakesARoutedPolicyNonCompliant() throws Exception {
        PsList.parse(Fixtures.capture("get-dnsclientnrptrule--msdocs-gpo-directaccess-two-rules.txt"))
                .forEach(r -> win.nrpt.gpo(FakeNrpt.Rule.captured(r)));
        apply(ROUTED);

        Assessment a = check(ROUTED);

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(f.message()).contains("corp.example, corp.internal would go to the pinned servers");
        });
        assertThat(check(PINNED).findings()).as("without routes it stays a warning")
                .noneMatch(f -> f.severity() == Finding.Severity.ERROR).anyMatch(f -> f.message().contains("ignores every local NRPT rule"));
    }

    /** Routes without pinned servers: the routes' rules still hold; the adapters and a "." rule are left as they are. */
    @Test
    void routesWithoutPinnedServersStillGetTheirRules() throws Exception {
        win.nrpt.local.add(new FakeNrpt.Rule("{00000000-0000-4000-8000-000000000001}", 2, List.of("."), List.of("198.51.100.53"),
                List.of(), NrptRule.NAME, ""));
        Spec routesOnly = Specs.spec(new org.leakguard.agent.policy.Resolvers(List.of(), List.of(), null, true, null, null, null,
                Specs.routed().routes()));

        Assessment a = ControlContract.holds(control, routesOnly, win.host());

        assertThat(a.changes()).extracting(Change::target).containsExactly("NRPT rule \".corp.example\" (leakguard)",
                "NRPT rule \".corp.internal\" (leakguard)");
        assertThat(win.nrpt.leakguards()).containsExactly("[.] -> [198.51.100.53]");
    }

    /** A journal written before rules were kept one per namespace holds the whole set as one change: it still rolls back. */
    @Test
    void aJournalOfTheWholeSetStillRollsBack() throws Exception {
        ScriptState old = new ScriptState(ScriptKind.NRPT, "NRPT rule \".\" (leakguard)", "{\"name\":\"leakguard\"}",
                "[{\"namespace\":[\".\"],\"nameServers\":[\"203.0.113.53\",\"2001:db8::53\"]}]", "every name goes only to the pinned servers");
        BeforeImage before = old.capture(win.host());
        old.apply(win.host());
        assertThat(win.nrpt.leakguards()).containsExactly("[.] -> [203.0.113.53, 2001:db8::53]");
        assertThat(check(PINNED).changes()).as("the rule it made is found by its namespace and kept").extracting(Change::target)
                .noneMatch(t -> t.startsWith("NRPT"));

        old.undo(win.host(), before);

        assertThat(win.nrpt.local).isEmpty();
        assertThat(old.isAt(win.host(), before)).isTrue();
    }

    /**
     * While apply and rollback run, no routed name falls through to the pinned servers: whenever an
     * adapter is pinned or leakguard's "." rule holds, every route's rule is already (still) there.
     */
    @Test
    void noRoutedNameFallsThroughWhileApplyOrRollbackRuns() throws Exception {
        List<Change> changes = check(ROUTED).changes();
        List<BeforeImage> images = new ArrayList<>();
        for (Change c : changes) {
            images.add(c.capture(win.host()));
            c.apply(win.host());
            routedNamesHeld("after " + c.target());
        }
        for (int i = changes.size() - 1; i >= 0; i--) {
            changes.get(i).undo(win.host(), images.get(i));
            routedNamesHeld("after undoing " + changes.get(i).target());
        }

        assertThat(win.nrpt.local).isEmpty();
        assertThat(pinnedAdapters()).isZero();
    }

    private void routedNamesHeld(String when) {
        boolean pinning = pinnedAdapters() > 0 || win.nrpt.leakguards().stream().anyMatch(r -> r.startsWith("[.] "));
        if (pinning) {
            assertThat(win.nrpt.leakguards()).as(when).contains("[.corp.example, corp.example] -> [192.0.2.53, 2001:db8:2::53]",
                    "[.corp.internal, corp.internal] -> [192.0.2.53, 2001:db8:2::53]");
        }
    }

    private long pinnedAdapters() {
        return java.util.stream.Stream.of("{00000000-0000-4000-8000-000000000001}", "{00000000-0000-4000-8000-000000000002}")
                .filter(g -> win.registry.value(NameServers.v4Key(g), NameServers.VALUE).isPresent()).count();
    }

    private int indexOf(String namespace) {
        for (int i = 0; i < win.nrpt.local.size(); i++) {
            if (win.nrpt.local.get(i).namespace().get(0).equals(namespace)) {
                return i;
            }
        }
        throw new AssertionError("no rule for " + namespace);
    }
}
