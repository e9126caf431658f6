package org.leakguard.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.probe.RouteNames.Answer;
import org.leakguard.agent.report.NameRouting;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A route's probe name: the system resolver's answer against the route servers'. */
class RouteNamesTest {
    static final NameRouting ROUTING = NameRouting.planned("probe.corp.example", List.of("corp.example"),
            List.of("10.1.2.53", "10.1.2.54"));
    static final Duration T = Duration.ofSeconds(1);

    static Map<String, Answer> route(Answer first, Answer second) {
        Map<String, Answer> m = new LinkedHashMap<>();
        m.put("10.1.2.53", first);
        m.put("10.1.2.54", second);
        return m;
    }

    static Answer of(String... addresses) {
        return new Answer(List.of(addresses), null);
    }

    @Test
    void theSameAnswerPassesButSaysItDoesNotProveExclusivityWithoutACanary() {
        Probe.Observed o = RouteNames.judge(ROUTING, route(Answer.none("no answer in time"), of("10.1.2.80")), of("10.1.2.80"), false, T);

        assertThat(o.passed()).isTrue();
        assertThat(o.what()).contains("the system resolver answers 10.1.2.80, as 10.1.2.54 does")
                .contains("not that its names go only there (no route canary)");
        assertThat(o.routing().systemAnswer()).containsExactly("10.1.2.80");
        assertThat(o.routing().routeAnswers()).containsOnlyKeys("10.1.2.54");
    }

    @Test
    void withARouteCanaryTheProbeNameLeavesExclusivityToIt() {
        Probe.Observed o = RouteNames.judge(ROUTING, route(of("10.1.2.80"), of("10.1.2.80")), of("10.1.2.80"), true, T);

        assertThat(o.passed()).isTrue();
        assertThat(o.what()).doesNotContain("no route canary");
    }

    @Test
    void anotherAnswerMeansAnotherResolverAnsweredTheRoutesName() {
        Probe.Observed o = RouteNames.judge(ROUTING, route(of("10.1.2.80"), of("10.1.2.80")), of("203.0.113.1"), false, T);

        assertThat(o.passed()).isFalse();
        assertThat(o.what()).contains("the system resolver answers 203.0.113.1, the route's servers answer 10.1.2.80 (10.1.2.53)")
                .contains("names under corp.example are answered by another resolver")
                .contains("send names under corp.example to 10.1.2.53, 10.1.2.54 (spec.resolvers.routes)");
    }

    @Test
    void noAddressFromTheSystemResolverFails() {
        Probe.Observed o = RouteNames.judge(ROUTING, route(of("10.1.2.80"), of("10.1.2.80")),
                Answer.none("probe.corp.example: Name or service not known"), false, T);

        assertThat(o.passed()).isFalse();
        assertThat(o.what()).contains("the system resolver has no address for probe.corp.example (probe.corp.example: Name or service not known)")
                .contains("do not reach the route's servers");
        assertThat(o.routing().systemAnswer()).isEmpty();
    }

    @Test
    void silentRouteServersOrAnUnfinishedLookupAreUnknownNeverPassed() {
        Probe.Observed silent = RouteNames.judge(ROUTING, route(Answer.none("no answer in time"), Answer.none("answered NXDOMAIN with no address")),
                of("10.1.2.80"), false, T);
        Probe.Observed unfinished = RouteNames.judge(ROUTING, route(of("10.1.2.80"), of("10.1.2.80")), null, false, T);

        assertThat(silent.passed()).isNull();
        assertThat(silent.what()).contains("10.1.2.53: no answer in time; 10.1.2.54: answered NXDOMAIN with no address").contains("cannot compare");
        assertThat(silent.routing().routeAnswers()).isNull();
        assertThat(unfinished.passed()).isNull();
        assertThat(unfinished.what()).startsWith("the system resolver did not answer probe.corp.example within 1000 ms");
        assertThat(unfinished.routing().systemAnswer()).isNull();
    }

    @Test
    void addressesCompareFamilyByFamilyForTheFamiliesTheHostAskedFor() {
        List<String> both = List.of("10.1.2.80", "2001:db8::80");

        assertThat(RouteNames.same(List.of("10.1.2.80"), both)).isTrue();
        assertThat(RouteNames.same(List.of("10.1.2.80", "2001:db8:0:0:0:0:0:80"), both)).isTrue();
        assertThat(RouteNames.same(List.of("10.1.2.80", "2001:db8::81"), both)).isFalse();
        assertThat(RouteNames.same(List.of("10.1.2.80", "10.1.2.81"), both)).isFalse();
        assertThat(RouteNames.same(List.of("10.1.2.80", "2001:db8::80"), List.of("10.1.2.80"))).isFalse();
        assertThat(RouteNames.same(List.of(), both)).isFalse();
    }

    @Test
    void theDirectAnswersAddressesAreTheAAndAaaaRecordsOrTheResponseCode() throws Exception {
        Name n = Name.fromString("probe.corp.example.");
        Message a = Message.newQuery(Record.newRecord(n, Type.A, 1));
        a.addRecord(new ARecord(n, 1, 60, java.net.InetAddress.getByName("10.1.2.80")), Section.ANSWER);
        Message aaaa = Message.newQuery(Record.newRecord(n, Type.AAAA, 1));
        aaaa.addRecord(new AAAARecord(n, 1, 60, java.net.InetAddress.getByName("2001:db8::80")), Section.ANSWER);
        Message nx = Message.newQuery(Record.newRecord(n, Type.A, 1));
        nx.getHeader().setRcode(Rcode.NXDOMAIN);

        assertThat(RouteNames.addresses(a, aaaa).addresses()).containsExactly("10.1.2.80", "2001:db8:0:0:0:0:0:80");
        assertThat(RouteNames.addresses(nx, nx).why()).isEqualTo("answered NXDOMAIN with no address");
    }
}
