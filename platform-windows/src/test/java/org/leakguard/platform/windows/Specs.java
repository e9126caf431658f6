package org.leakguard.platform.windows;

import java.net.InetAddress;
import java.util.List;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Browsers;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Route;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.policy.Windows;

/** Policy values for tests, with documentation addresses only. */
final class Specs {
    static final String TEMPLATE = "https://dns.corp.example/dns-query{?dns}";

    private Specs() {}

    static List<InetAddress> ips(String... literals) {
        return List.of(literals).stream().map(Ip::parse).toList();
    }

    static Resolvers resolvers(Encryption encryption, String... servers) {
        return new Resolvers(ips(servers), List.of(), null, true, encryption, null, encryption == Encryption.DOH ? TEMPLATE : null);
    }

    /** Pinned 203.0.113.53 and 2001:db8::53; corp.example and corp.internal routed to 192.0.2.53 and 2001:db8:2::53. */
    static Resolvers routed() {
        return new Resolvers(ips("203.0.113.53", "2001:db8::53"), List.of(), null, true, Encryption.NONE, null, null,
                List.of(new Route(List.of("corp.example", "corp.internal"), ips("2001:db8:2::53", "192.0.2.53"))));
    }

    static Spec spec(Resolvers r) {
        return new Spec(r, null, null, null, null, null);
    }

    static Spec smart() {
        return new Spec(null, Toggle.DISABLE, null, null, null, null);
    }

    static Spec local() {
        return new Spec(null, null, null, null, null, null, null, Toggle.DISABLE);
    }

    static Spec ipv6(Windows w) {
        return new Spec(null, null, Toggle.DISABLE, null, null, null, null, null, null, null, w);
    }

    static Spec firewall(String... servers) {
        return new Spec(resolvers(Encryption.NONE, servers), null, null,
                new Firewall(PortRule.BLOCK_OTHERS, PortRule.BLOCK_OTHERS, DohRule.BLOCK, ips("192.0.2.44")), null, null);
    }

    static Spec browsers(BrowserDoh doh) {
        return new Spec(resolvers(Encryption.DOH, "203.0.113.53"), null, null, null, new Browsers(doh), null);
    }
}
