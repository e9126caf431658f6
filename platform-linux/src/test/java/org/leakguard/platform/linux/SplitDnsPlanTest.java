package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakguard.platform.linux.Specs.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.DeleteFile;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.spi.Finding;

/** The per-link routing planned from what resolved and the kernel hold: pure, no daemon. */
class SplitDnsPlanTest {
    private static final LinkDns CORP = new LinkDns(List.of("203.0.113.53"), List.of("~corp.example", "~corp.internal"));
    private final List<Change> changes = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    private static Resolvers corp(List<String> search) {
        return Specs.routed(search, List.of(route("corp.example", "corp.internal", "203.0.113.53")), "198.51.100.53");
    }

    private static SplitDnsState seen(Map<String, LinkDns> links, Map<String, String> serverLinks, Map<String, String> boot) {
        Map<String, String> files = new LinkedHashMap<>();
        SplitDnsBoot.FILES.forEach(p -> files.put(p, boot.get(p)));
        Map<String, String> tls = new LinkedHashMap<>();
        links.forEach((link, dns) -> tls.put(link, SplitDnsPlan.PLAIN));
        return new SplitDnsState(null, new LinkDns(List.of("198.51.100.53"), List.of("~.")), links, "no", tls, serverLinks,
                Map.of(), files);
    }

    private boolean plan(Resolvers want, SplitDnsState seen) {
        return SplitDnsPlan.plan(want, seen, true, changes, findings);
    }

    @Test
    void aRouteGoesOnTheLinkTheKernelReachesItsServersThroughWithRoutingOnlyDomains() {
        assertThat(plan(corp(List.of()), seen(Map.of("lgc0", new LinkDns(List.of("198.51.100.1"), List.of("isp.example"))),
                Map.of("203.0.113.53", "lgv0"), Map.of()))).isTrue();
        assertThat(changes).filteredOn(SetLinkDns.class::isInstance).containsExactly(new SetLinkDns("lgv0", CORP, "no",
                "names under [corp.example, corp.internal] go only to [203.0.113.53] through lgv0, the link the kernel"
                        + " reaches them through, in plain DNS"));
        assertThat(changes).extracting(Change::target).contains(SplitDnsBoot.UNIT, SplitDnsBoot.DROP_IN, "systemctl daemon-reload");
        WriteFile unit = (WriteFile) changes.stream().filter(c -> c.target().equals(SplitDnsBoot.UNIT)).findFirst().orElseThrow();
        assertThat(unit.text())
                .contains("After=systemd-resolved.service", "ExecStart=/usr/bin/resolvectl dnsovertls lgv0 no\n", "ExecStart=/usr/bin/resolvectl dns lgv0 203.0.113.53\n",
                        "ExecStart=/usr/bin/resolvectl domain lgv0 ~corp.example ~corp.internal\n");
    }

    @Test
    void compliantWhenTheLinkHoldsExactlyTheRouteAndTheBootFilesAreThere() {
        Map<String, String> boot = SplitDnsBoot.wanted(Map.of("lgv0", CORP));
        assertThat(plan(corp(List.of()), seen(Map.of("lgv0", new LinkDns(List.of("203.0.113.53"),
                List.of("~corp.internal", "~corp.example"))), Map.of("203.0.113.53", "lgv0"), boot))).isTrue();
        assertThat(changes).isEmpty();
        assertThat(findings).extracting(Finding::message).anyMatch(m -> m.contains("through link lgv0"));
    }

    @Test
    void aMissingDomainOrAnotherServerOnTheLinkIsADrift() {
        Map<String, String> boot = SplitDnsBoot.wanted(Map.of("lgv0", CORP));
        plan(corp(List.of()), seen(Map.of("lgv0", new LinkDns(List.of("203.0.113.53", "203.0.113.99"), CORP.domains())),
                Map.of("203.0.113.53", "lgv0"), boot));
        assertThat(changes).hasSize(1).allMatch(c -> c.equals(new SetLinkDns("lgv0", CORP, "no", ((SetLinkDns) c).why())));
        changes.clear();
        plan(corp(List.of()), seen(Map.of("lgv0", new LinkDns(CORP.servers(), List.of("~corp.example"))),
                Map.of("203.0.113.53", "lgv0"), boot));
        assertThat(changes).hasSize(1);
        assertThat(findings).extracting(Finding::severity).contains(Finding.Severity.WARNING);
    }

    @Test
    void aRouteLinkFollowingTheGlobalDnsOverTlsIsSetToPlainDns() {
        Map<String, String> boot = SplitDnsBoot.wanted(Map.of("lgv0", CORP));
        SplitDnsState dot = new SplitDnsState(null, LinkDns.NONE, Map.of("lgv0", CORP), "yes", Map.of("lgv0", "yes"),
                Map.of("203.0.113.53", "lgv0"), Map.of(), boot);
        plan(corp(List.of()), dot);
        assertThat(changes).hasSize(1).allMatch(c -> "no".equals(((SetLinkDns) c).tls()));
        assertThat(findings).extracting(Finding::message).contains("link lgv0 uses DNS over TLS \"yes\" (the global setting),"
                + " and routed names use plain DNS to the route's servers");
    }

    @Test
    void undoGivesALinkThatFollowedTheGlobalModeNoneOfItsOwn() {
        assertThat(new LinkDnsImage("lgv0", true, true, CORP, "yes", "yes").tlsToRestore()).isEmpty();
        assertThat(new LinkDnsImage("lgv0", true, true, CORP, "opportunistic", "yes").tlsToRestore()).isEqualTo("opportunistic");
    }

    @Test
    void aSearchDomainUnderARouteGoesOnItsLinkAndNotIntoTheGlobalDropIn() {
        Resolvers want = corp(List.of("corp.example", "example.org"));
        plan(want, seen(Map.of(), Map.of("203.0.113.53", "lgv0"), Map.of()));
        assertThat(((SetLinkDns) changes.get(0)).dns().domains()).containsExactly("~corp.example", "~corp.internal", "corp.example");
        assertThat(ResolvedDropIn.keys(want)).containsEntry("Domains", "~. example.org");
    }

    @Test
    void aRouteDomainOrTheDefaultRouteDomainOnAnotherLinkIsTakenOffThereKeepingItsServers() {
        plan(corp(List.of()), seen(Map.of("wlan0", new LinkDns(List.of("198.51.100.1"), List.of("a.corp.example", "home.arpa", "~."))),
                Map.of("203.0.113.53", "lgv0"), Map.of()));
        assertThat(changes).filteredOn(SetLinkDns.class::isInstance).extracting(c -> ((SetLinkDns) c).link() + " " + ((SetLinkDns) c).dns())
                .containsExactly("lgv0 " + CORP, "wlan0 " + new LinkDns(List.of("198.51.100.1"), List.of("home.arpa")));
    }

    @Test
    void twoRoutesWithDifferentServersBehindOneLinkAreRefused() {
        Resolvers want = Specs.routed(List.of(), List.of(route("corp.example", "203.0.113.53"),
                route("lab.example", "203.0.113.54")), "198.51.100.53");
        assertThat(plan(want, seen(Map.of(), Map.of("203.0.113.53", "tun0", "203.0.113.54", "tun0"), Map.of()))).isFalse();
        assertThat(findings).extracting(Finding::message).anyMatch(m -> m.contains("[corp.example] and [lab.example] both reach"
                + " their servers through link tun0"));
    }

    @Test
    void twoRoutesWithTheSameServersShareTheLink() {
        Resolvers want = Specs.routed(List.of(), List.of(route("corp.example", "203.0.113.53"),
                route("lab.example", "203.0.113.53")), "198.51.100.53");
        assertThat(plan(want, seen(Map.of(), Map.of("203.0.113.53", "tun0"), Map.of()))).isTrue();
        assertThat(((SetLinkDns) changes.get(0)).dns().domains()).containsExactly("~corp.example", "~lab.example");
    }

    @Test
    void aServerNoLinkReachesIsAnErrorWithNoChange() {
        SplitDnsState none = new SplitDnsState(null, LinkDns.NONE, Map.of(), "no", Map.of(), Map.of(),
                Map.of("203.0.113.53", "ip route get: RTNETLINK answers: Network is unreachable"), Map.of());
        assertThat(plan(corp(List.of()), none)).isFalse();
        assertThat(changes).filteredOn(SetLinkDns.class::isInstance).isEmpty();
        assertThat(findings).extracting(Finding::message).anyMatch(m -> m.contains("no link reaches server 203.0.113.53"
                + " (ip route get: RTNETLINK answers: Network is unreachable)"));
    }

    @Test
    void withoutResolvedTheRoutesAreAnErrorAndNothingIsPlanned() {
        String why = SplitDnsMessages.unavailable(List.of(), "nameserver 198.51.100.53\n", false, false);
        assertThat(why).contains("needs a local stub resolver", "systemd-resolved", "which this host lacks",
                "is written by a plain file no known manager claims");
        assertThat(plan(corp(List.of()), SplitDnsState.unavailable(why, Map.of()))).isFalse();
        assertThat(changes).isEmpty();
        assertThat(findings).containsExactly(Finding.error(why));
    }

    @Test
    void resolvedMustBeTheResolverThroughItsStub() {
        List<String> stub = List.of("/run/systemd/resolve/stub-resolv.conf");
        assertThat(SplitDnsMessages.unavailable(stub, "nameserver 127.0.0.53\noptions edns0 trust-ad\n", false, true)).isNull();
        assertThat(SplitDnsMessages.unavailable(List.of("/run/systemd/resolve/resolv.conf"), "nameserver 198.51.100.53\n",
                false, true)).contains("instead of the stub alone");
        assertThat(SplitDnsMessages.unavailable(stub, null, false, true)).contains("which is not running");
        assertThat(SplitDnsMessages.unavailable(List.of(), "nameserver 198.51.100.53\n", false, true))
                .contains("which is installed but is not the host's resolver");
        assertThat(SplitDnsMessages.unavailable(stub, "nameserver 127.0.0.53\n", true, true)).contains("offline image");
    }

    @Test
    void theLinkChangeAndItsImageRoundTripThroughTheJournalMapper() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper journal = new com.fasterxml.jackson.databind.ObjectMapper();
        journal.registerSubtypes(new LinuxPlatform().journalTypes().toArray(Class<?>[]::new));
        for (Change c : List.of(new SetLinkDns("tun0", CORP, "no", "why"), new SetLinkDns("wlan0", LinkDns.NONE, null, "why"))) {
            assertThat(journal.readValue(journal.writerFor(Change.class).writeValueAsString(c), Change.class)).isEqualTo(c);
        }
        var image = new LinkDnsImage("tun0", true, true, new LinkDns(List.of("[2001:db8::53]:853#corp.example"), List.of("lan")),
                "opportunistic", "yes");
        String text = journal.writerFor(org.leakguard.agent.change.BeforeImage.class).writeValueAsString(image);
        assertThat(journal.readValue(text, org.leakguard.agent.change.BeforeImage.class)).isEqualTo(image);
    }

    @Test
    void aPolicyWithoutRoutesRemovesTheBootFilesARoutedOneLeft() {
        Resolvers plain = Specs.routed(List.of(), List.of(), "198.51.100.53");
        plan(plain, seen(Map.of(), Map.of(), SplitDnsBoot.wanted(Map.of("lgv0", CORP))));
        assertThat(changes).filteredOn(DeleteFile.class::isInstance).extracting(Change::target)
                .containsExactly(SplitDnsBoot.UNIT, SplitDnsBoot.DROP_IN);
    }
}
