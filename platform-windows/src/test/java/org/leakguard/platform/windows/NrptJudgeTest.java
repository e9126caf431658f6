package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.policy.Route;
import org.leakguard.agent.spi.Finding;

/** The judge of routed domains against the NRPT in effect, on entries as the scripts print them. */
class NrptJudgeTest {
    private static final List<Route> ROUTES = Specs.routed().routes();
    private static final NrptRoute OURS = new NrptRoute("{00000000-0000-4000-8000-000000000001}", NrptRule.NAME,
            List.of(".corp.example", "corp.example"), List.of("192.0.2.53", "2001:db8:2::53"), List.of());

    private static NrptRoute entry(String namespace, String... servers) {
        return new NrptRoute("", "", List.of(namespace), List.of(servers), List.of());
    }

    private static List<NrptRoute> inEffect() {
        return List.of(entry(".corp.example", "192.0.2.53", "2001:db8:2::53"), entry("corp.example", "2001:DB8:2:0::53", "192.0.2.53"),
                entry(".corp.internal", "192.0.2.53", "2001:db8:2::53"), entry("corp.internal", "192.0.2.53", "2001:db8:2::53"));
    }

    @Test
    void theRoutesServersInAnySpellingOrOrderHold() {
        List<Finding> findings = new ArrayList<>();

        assertThat(NrptJudge.holds(ROUTES, inEffect(), List.of(OURS), false, false, findings)).isTrue();
        assertThat(findings).isEmpty();
    }

    /** leakguard's rule is there but the DNS client does not apply it: the names go to the adapters' servers. */
    @Test
    void aRoutedDomainMissingFromThePolicyInEffectDoesNotHold() {
        List<Finding> findings = new ArrayList<>();
        List<NrptRoute> effective = inEffect().subList(2, 4);

        assertThat(NrptJudge.holds(ROUTES, effective, List.of(OURS), false, false, findings)).isFalse();
        assertThat(findings).singleElement().extracting(Finding::message).asString()
                .startsWith("resolvers.routes corp.example: .corp.example and corp.example not in effect").contains("apply again");
        assertThat(NrptJudge.holds(ROUTES, effective, List.of(OURS), false, true, new ArrayList<>()))
                .as("judged again after the planned changes").isTrue();
    }

    /** A DirectAccess entry, or one without servers, does not send the names to the route's servers. */
    @Test
    void directAccessOrAdapterEntriesUnderARoutedDomainDoNotHold() {
        List<NrptRoute> effective = new ArrayList<>(inEffect());
        effective.add(new NrptRoute("", "", List.of(".da.corp.internal"), List.of(), List.of("2001:db8:1::2")));
        effective.add(entry("host.CORP.example."));
        List<Finding> findings = new ArrayList<>();

        assertThat(NrptJudge.holds(ROUTES, effective, List.of(OURS), true, false, findings)).isFalse();
        assertThat(findings).extracting(Finding::message).anySatisfy(m -> assertThat(m).startsWith("resolvers.routes corp.example:"
                + " in effect host.CORP.example. -> the adapters' servers (no servers in the rule) from a domain group policy rule"))
                .anySatisfy(m -> assertThat(m).startsWith("resolvers.routes corp.internal: in effect .da.corp.internal -> DirectAccess"));
    }

    @Test
    void aNamespaceIsUnderADomainOnlyAtALabelBoundary() {
        assertThat(NrptJudge.under(".corp.example", "corp.example")).isTrue();
        assertThat(NrptJudge.under("a.b.Corp.Example.", "corp.example")).isTrue();
        assertThat(NrptJudge.under(".notcorp.example", "corp.example")).isFalse();
        assertThat(NrptJudge.under(".", "corp.example")).isFalse();
    }
}
