package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Resolvers;

/**
 * The running systemd-resolved's global settings, parsed from what busctl 252 printed against the
 * real daemon (resources resolved/, see its README), and compared with what the drop-in sets.
 */
class ResolvedInEffectTest {
    /** The policy behind the captured drop-in of manager-pinned.json. */
    static final Resolvers PINNED = Specs.resolvers(List.of("corp.example"), false, "198.51.100.53", "2001:db8::53");
    /** The policy behind manager-dot.json. */
    static final Resolvers DOT = new Resolvers(Specs.ips("198.51.100.53"), List.of(), null, false, Encryption.DOT,
            "dns.example", null);

    static String capture(String name) {
        return Fixtures.text("resolved/busctl-252-" + name);
    }

    static ResolvedGlobal global(String name) throws IOException {
        return ResolvedBus.parseGlobal(capture(name));
    }

    @Test
    void theGlobalSettingsOfTheRunningDaemonInResolvectlsWords() throws IOException {
        assertThat(global("manager-pinned.json")).isEqualTo(new ResolvedGlobal(List.of("198.51.100.53", "2001:db8::53"),
                List.of(), List.of("~.", "corp.example"), "no", "no", "no"));
        assertThat(global("manager-dot.json")).isEqualTo(new ResolvedGlobal(List.of("198.51.100.53#dns.example"),
                List.of(), List.of("~."), "yes", "no", "no"));
        assertThat(global("manager-other.json")).isEqualTo(new ResolvedGlobal(List.of("192.0.2.9"),
                List.of("192.0.2.99", "2001:db8::99"), List.of("lan"), "no", "yes", "yes"));
        assertThat(global("manager-defaults.json")).isEqualTo(new ResolvedGlobal(List.of(), List.of(), List.of(), "no", "yes",
                "yes"));
    }

    @Test
    void whetherItsNameIsOnTheBus() throws IOException {
        assertThat(ResolvedBus.parseHasOwner(capture("has-owner-true.json"))).isTrue();
        assertThat(ResolvedBus.parseHasOwner(capture("has-owner-false.json"))).isFalse();
        assertThatThrownBy(() -> ResolvedBus.parseHasOwner("Failed to connect to bus: No such file or directory"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void otherOutputIsAnErrorNotAnEmptyState() {
        assertThatThrownBy(() -> ResolvedBus.parseGlobal(ResolvedBusTest.SPLIT)).hasMessageContaining("expected 6");
        // DNS instead of DNSEx: no port and no name, which resolvectl's words need.
        String old = capture("manager-pinned.json").replaceFirst("a\\(iiayqs\\)", "a(iiay)");
        assertThatThrownBy(() -> ResolvedBus.parseGlobal(old)).hasMessageContaining("a(iiayqs)");
        assertThatThrownBy(() -> ResolvedBus.parseGlobal("Failed to get property DNSEx on interface"
                + " org.freedesktop.resolve1.Manager: The name org.freedesktop.resolve1 was not provided by any .service files"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aRestartedDaemonHoldsWhatTheDropInSets() throws IOException {
        assertThat(ResolvedInEffect.differences(PINNED, global("manager-pinned.json"))).isEmpty();
        assertThat(ResolvedInEffect.differences(DOT, global("manager-dot.json"))).isEmpty();
    }

    @Test
    void aDaemonThatHasNotReadTheDropInSaysWhatItHoldsInstead() throws IOException {
        assertThat(ResolvedInEffect.differences(PINNED, global("manager-defaults.json"))).containsExactly(
                "DNS [] instead of [198.51.100.53, 2001:db8::53]", "Domains [] instead of [~., corp.example]",
                "LLMNR yes instead of no", "MulticastDNS yes instead of no");
        assertThat(ResolvedInEffect.differences(DOT, global("manager-pinned.json"))).containsExactly(
                "DNS [198.51.100.53, 2001:db8::53] instead of [198.51.100.53#dns.example]", "DNSOverTLS no instead of yes");
    }

    @Test
    void withoutPolicySearchDomainsTheHostsOwnStayAndOnlyTheRootRouteIsRequired() throws IOException {
        Resolvers noSearch = Specs.resolvers(List.of(), false, "192.0.2.9");
        assertThat(ResolvedInEffect.differences(noSearch, global("manager-other.json"))).containsExactly(
                "Domains [lan] without ~.", "FallbackDNS [192.0.2.99, 2001:db8::99] instead of none", "LLMNR yes instead of no",
                "MulticastDNS yes instead of no");
        ResolvedGlobal withRoot = new ResolvedGlobal(List.of("192.0.2.9"), List.of(), List.of("lan", "~."), "no", "no", "no");
        assertThat(ResolvedInEffect.differences(noSearch, withRoot)).isEmpty();
    }

    @Test
    void aSearchDomainIsComparedAsResolvedKeepsIt() {
        Resolvers dotted = Specs.resolvers(List.of("Corp.Example."), false, "198.51.100.53");
        ResolvedGlobal held = new ResolvedGlobal(List.of("198.51.100.53"), List.of(), List.of("~.", "corp.example"), "no", "no",
                "no");
        assertThat(ResolvedInEffect.differences(dotted, held)).isEmpty();
    }

    /** The policy behind manager-loopback.json: a local resolver, duplicates, a stub address, one domain in two spellings. */
    static final Resolvers LOOPBACK = Specs.resolvers(List.of("corp.example", "Corp.Example"), false, "127.0.0.1",
            "198.51.100.53", "127.0.0.1", "::1", "127.0.0.53");

    @Test
    void aLocalhostServerListedUnderTheLoopbackLinkIsAGlobalOne() throws IOException {
        assertThat(global("manager-loopback.json")).isEqualTo(new ResolvedGlobal(List.of("127.0.0.1", "198.51.100.53", "::1"),
                List.of(), List.of("~.", "corp.example"), "no", "no", "no"));
        // Split DNS reads the same list: lo is no link with servers of its own.
        assertThat(ResolvedBus.parse(capture("dnsex-domains-loopback.json"))).containsOnlyKeys(ResolvedBus.GLOBAL)
                .containsEntry(ResolvedBus.GLOBAL, new LinkDns(List.of("127.0.0.1", "198.51.100.53", "::1"),
                        List.of("~.", "corp.example")));
    }

    /**
     * manager-link-loopback.json: the pin [127.0.0.1, 198.51.100.53] read, and lgv0 (link 3) given
     * 127.0.0.1 of its own, which resolved lists under lo as well, after the global ones.
     */
    @Test
    void aLinksOwnLocalhostServerIsTakenOffTheGlobalOnes() throws IOException {
        List<String> links = new java.util.ArrayList<>(ResolvedBus.parseLinkServers(capture("link-2-dnsex.json")));
        links.addAll(ResolvedBus.parseLinkServers(capture("link-3-dnsex.json")));
        assertThat(links).containsExactly("127.0.0.1");
        assertThat(ResolvedBus.parseGlobal(capture("manager-link-loopback.json"), links).servers())
                .containsExactly("127.0.0.1", "198.51.100.53");
        assertThat(global("manager-link-loopback.json").servers()).as("without the links' lists, both entries look global")
                .containsExactly("127.0.0.1", "198.51.100.53", "127.0.0.1");
        assertThat(ResolvedBus.listsLoopback(capture("manager-link-loopback.json"))).isTrue();
        assertThat(ResolvedBus.listsLoopback(capture("manager-pinned.json"))).isFalse();
    }

    @Test
    void duplicatesAndStubAddressesAreComparedAsResolvedStoresThem() throws IOException {
        assertThat(ResolvedDropIn.keys(LOOPBACK)).containsEntry("DNS", "127.0.0.1 198.51.100.53 ::1")
                .containsEntry("Domains", "~. corp.example");
        assertThat(ResolvedInEffect.differences(LOOPBACK, global("manager-loopback.json"))).isEmpty();
    }

    /**
     * A pin of scoped link-local servers only, as behind manager-scoped.json (there fe80::53%lgc0,
     * whose index is 2): resolved.conf's server in the global list is still a difference.
     */
    static final Resolvers SCOPED = new Resolvers(List.of(scoped("fe80::53", 2)), List.of(), null, false, null, null, null);

    private static java.net.InetAddress scoped(String address, int index) {
        try {
            return java.net.Inet6Address.getByAddress(null, Specs.ip(address).getAddress(), index);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void scopedServersAreNotComparedButTheGlobalListMustHoldNoOtherServer() throws IOException {
        assertThat(ResolvedInEffect.differences(SCOPED, global("manager-hardened-isp.json")))
                .containsExactly("DNS [192.0.2.9] instead of []");
        assertThat(ResolvedInEffect.differences(SCOPED, global("manager-scoped.json"))).isEmpty();
        assertThat(ResolvedInEffect.notCompared(SCOPED)).containsExactly("fe80::53%2");
        assertThat(ResolvedInEffect.notCompared(PINNED)).isEmpty();
    }
}
