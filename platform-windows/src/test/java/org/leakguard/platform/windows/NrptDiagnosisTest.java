package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding.Severity;

/**
 * {@code agent diagnose}'s routing by domain: every NRPT rule and the policy in effect, read
 * against the fake NRPT, whose policy in effect is checked against Get-DnsClientNrptPolicy captures.
 */
class NrptDiagnosisTest {
    private final FakeWindows win = ResolversControlTest.laptop();

    private List<NrptRoute> effective() throws Exception {
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject");
        return NrptRoute.parsePolicy(PowerShell.parse(PowerShell.run(win.host(), Scripts.NRPT_POLICY, in)));
    }

    private Diagnosis nrpt() {
        return new WindowsPlatform().diagnose(win.host()).stream().filter(d -> d.topic().equals("nrpt")).findFirst().orElseThrow();
    }

    /**
     * The DirectAccess GPO's two rules (Get-DnsClientNrptRule -GpoName capture) give, as policy in
     * effect, what the -Effective capture of the same deployment printed: one entry a namespace, in
     * the order of the rules' keys (nls... before .corp..., the reverse of the GPO listing), and no
     * local rule while the GPO has any.
     */
    @Test
    void theEffectivePolicyIsWhatWindowsPrintedForTheSameRules() throws Exception {
        PsList.parse(Fixtures.capture("get-dnsclientnrptrule--msdocs-gpo-directaccess-two-rules.txt"))
                .forEach(r -> win.nrpt.gpo(FakeNrpt.Rule.captured(r)));
        win.nrpt.local.add(new FakeNrpt.Rule("{00000000-0000-4000-8000-000000000001}", 2, List.of("."), List.of("203.0.113.53"),
                List.of(), NrptRule.NAME, ""));
        List<Map<String, String>> printed = PsList.parse(Fixtures.capture("get-dnsclientnrptpolicy--msdocs-effective-directaccess.txt"));

        List<NrptRoute> fake = effective();

        assertThat(fake).extracting(e -> e.namespaces().get(0)).containsExactlyElementsOf(printed.stream().map(p -> p.get("Namespace")).toList());
        assertThat(fake).extracting(NrptRoute::directAccessServers)
                .containsExactlyElementsOf(printed.stream().map(p -> PsList.items(p.get("DirectAccessDnsServers"))).toList());
    }

    /** A VPN client's local rules (the table capture) are in effect as that capture shows them: namespace and servers. */
    @Test
    void localRulesAreInEffectOneNamespaceAnEntry() throws Exception {
        win.nrpt.localFromPolicyTable(Fixtures.capture("get-dnsclientnrptpolicy--format-table-two-namespaces.txt"));

        // The capture's rules had GUIDs of their own, unknown here: the order is the fake's, the entries the capture's.
        assertThat(effective()).extracting(e -> e.namespaces().get(0) + " " + e.servers())
                .containsExactlyInAnyOrder(".internal.company.tld [1.2.3.4]", "sub.domain.tld [1.2.3.4]");
    }

    /**
     * Two rules listing one namespace: no capture or documentation shows what the policy in effect
     * prints then, so the fake refuses rather than print an invented answer.
     */
    @Test
    void twoRulesSharingANamespaceHaveNoKnownPolicyOutput() {
        win.nrpt.local.add(new FakeNrpt.Rule("{00000000-0000-4000-8000-000000000001}", 2, List.of(".corp.example"), List.of("192.0.2.53"),
                List.of(), NrptRule.NAME, ""));
        win.nrpt.local.add(new FakeNrpt.Rule("{00000000-0000-4000-8000-000000000002}", 2, List.of(".CORP.example"), List.of("198.51.100.99"),
                List.of(), "VPN client", ""));

        assertThatThrownBy(this::effective).isInstanceOf(AssertionError.class).hasMessageContaining("known from no capture or documentation");
    }

    @Test
    void diagnoseShowsThePerDomainRoutingItFound() throws Exception {
        win.nrpt.localFromPolicyTable(Fixtures.capture("get-dnsclientnrptpolicy--format-table-two-namespaces.txt"));
        Spec routed = Specs.spec(Specs.routed());
        ResolversControl control = new ResolversControl();
        for (Change c : control.plan(routed, control.observe(routed, win.host())).changes()) {
            c.apply(win.host());
        }

        Diagnosis d = nrpt();

        assertThat(d.severity()).isEqualTo(Severity.INFO);
        assertThat(d.summary()).startsWith("leakguard's NRPT rules are in place; in effect: 6 namespace(s) routed by domain (")
                .contains(".corp.example", "corp.internal", ".internal.company.tld").endsWith("every other name by the \".\" rule");
        assertThat(d.evidence()).contains("local rule: .corp.example, corp.example -> [192.0.2.53, 2001:db8:2::53] (leakguard)",
                "in effect: .corp.example -> [192.0.2.53, 2001:db8:2::53]", "in effect: corp.example -> [192.0.2.53, 2001:db8:2::53]",
                "in effect: . -> [203.0.113.53, 2001:db8::53]", "in effect: sub.domain.tld -> [1.2.3.4]");
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e).matches("local rule: \\.internal\\.company\\.tld -> \\[1\\.2\\.3\\.4\\] \\(\\{[0-9A-F-]{36}\\}\\)"));
    }

    @Test
    void underADomainGpoTheLocalRulesAreShownIgnored() throws Exception {
        PsList.parse(Fixtures.capture("get-dnsclientnrptrule--msdocs-gpo-directaccess-two-rules.txt"))
                .forEach(r -> win.nrpt.gpo(FakeNrpt.Rule.captured(r)));
        win.nrpt.local.add(new FakeNrpt.Rule("{00000000-0000-4000-8000-000000000001}", 2, List.of("."), List.of("203.0.113.53"),
                List.of(), NrptRule.NAME, ""));

        Diagnosis d = nrpt();

        assertThat(d.severity()).isEqualTo(Severity.WARNING);
        assertThat(d.summary()).startsWith("domain group policy defines NRPT rules, so local rules (leakguard's too) are ignored;")
                .contains("2 namespace(s) routed by domain (nls.corp.contoso.com, .corp.contoso.com)");
        assertThat(d.evidence()).contains("local rule: . -> [203.0.113.53] (leakguard)",
                "in effect: .corp.contoso.com -> DirectAccess [2001:db8:1::2, 2001:db8:2::20, 2001:db8:6::6]")
                .anySatisfy(e -> assertThat(e).startsWith("domain GPO rule: ").endsWith("DA-{FD4B6054-F8C8-4868-94E6-8132AC707DBD}"));
    }
}
