package org.leakguard.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a canary's askers are judged once a policy routes some names to a corporate resolver. */
class CanaryRuleTest {
    static final String PUBLIC = "203.0.113.53";
    static final String CORP = "10.1.2.53";
    static final String CORP_EGRESS = "10.1.2.60";

    static InetAddress ip(String literal) throws Exception {
        return org.xbill.DNS.Address.getByAddress(literal);
    }

    static Map<String, String> roles() throws Exception {
        Map<String, List<InetAddress>> routes = new LinkedHashMap<>();
        routes.put("corp.example, corp.internal", List.of(ip(CORP), ip(CORP_EGRESS)));
        return CanaryRule.roles(List.of(ip(PUBLIC)), routes);
    }

    static CanaryRule route() throws Exception {
        return new CanaryRule(List.of("corp.example", "corp.internal"), List.of(ip(CORP)), List.of(ip(CORP)), roles());
    }

    @Test
    void aRouteCanaryAskedOnlyByTheRoutesServersPassesAndSaysWhereItsNamesWent() throws Exception {
        Probe.Observed o = route().judge(List.of(CORP));

        assertThat(o.passed()).isTrue();
        assertThat(o.what()).isEqualTo("asked by 10.1.2.53: names under corp.example, corp.internal reach only the route's servers");
    }

    @Test
    void corporateNamesAtThePinnedResolverFailWithTheFinding() throws Exception {
        Probe.Observed o = route().judge(List.of(CORP, PUBLIC));

        assertThat(o.passed()).isFalse();
        assertThat(o.what()).startsWith("asked by 10.1.2.53, 203.0.113.53; not allowed: 203.0.113.53 (pinned): ")
                .contains("corporate names go to the pinned (public) resolver, a leak of internal names")
                .contains("send names under corp.example, corp.internal only to 10.1.2.53 (spec.resolvers.routes)")
                .contains("agent diagnose");
    }

    @Test
    void corporateNamesAtAnUnknownResolverAreALeakToo() throws Exception {
        Probe.Observed o = route().judge(List.of("198.51.100.7"));

        assertThat(o.passed()).isFalse();
        assertThat(o.what()).contains("not allowed: 198.51.100.7:").contains("corporate names go to resolvers outside the route");
    }

    @Test
    void aRouteCanaryNobodyAskedForFailsWhileTheRoutesServersAnswer() throws Exception {
        Probe.Observed o = route().judge(List.of(), true);

        assertThat(o.passed()).isFalse();
        assertThat(o.what()).contains("no resolver reached the canary authority")
                .contains("names under corp.example, corp.internal did not reach the route's servers (10.1.2.53), which answer");
    }

    @Test
    void aRouteThatIsDownIsUnknownNotALeak() throws Exception {
        Probe.Observed o = route().judge(List.of(), false);

        assertThat(o.passed()).isNull();
        assertThat(o.what()).contains("the route's servers (10.1.2.53) do not answer either")
                .contains("cannot tell where names under corp.example, corp.internal go");
        assertThat(route().judge(List.of(PUBLIC), false).passed()).as("a leak seen is a leak, route down or not").isFalse();
        assertThat(CanaryRule.general(List.of(ip(PUBLIC)), roles()).judge(List.of(), false).passed()).isFalse();
    }

    @Test
    void theGeneralCanaryAtARouteServerSaysPublicNamesGoToTheCorporateResolver() throws Exception {
        CanaryRule general = CanaryRule.general(List.of(ip(PUBLIC)), roles());

        Probe.Observed o = general.judge(List.of(PUBLIC, CORP_EGRESS));

        assertThat(o.passed()).isFalse();
        assertThat(o.what()).contains("not allowed: 10.1.2.60 (route corp.example, corp.internal)")
                .contains("public names go to the corporate resolver")
                .contains("spec.resolvers.servers");
    }

    @Test
    void withoutRoutesTheGeneralCanaryReadsAsBefore() throws Exception {
        CanaryRule general = CanaryRule.general(List.of(ip(PUBLIC)), CanaryRule.roles(List.of(ip(PUBLIC)), Map.of()));

        assertThat(general.judge(List.of(PUBLIC)).what()).isEqualTo("asked by 203.0.113.53");
        assertThat(general.judge(List.of(PUBLIC, "198.51.100.53")).what()).isEqualTo("asked by 203.0.113.53, 198.51.100.53; not allowed: 198.51.100.53");
        assertThat(general.judge(List.of()).what()).isEqualTo("no resolver reached the canary authority");
    }

    @Test
    void rolesKnowAnAddressByAnySpellingAndThePinnedRoleWins() throws Exception {
        Map<String, List<InetAddress>> routes = Map.of("corp.example", List.of(ip("2001:db8::53"), ip(PUBLIC)));

        Map<String, String> roles = CanaryRule.roles(List.of(ip(PUBLIC)), routes);
        CanaryRule general = CanaryRule.general(List.of(ip(PUBLIC)), roles);

        assertThat(roles).containsEntry(CanaryRule.normal(PUBLIC), CanaryRule.PINNED);
        assertThat(general.judge(List.of("2001:db8:0:0:0:0:0:53")).what()).contains("(route corp.example)");
    }
}
