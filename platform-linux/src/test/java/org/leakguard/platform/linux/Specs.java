package org.leakguard.platform.linux;

import java.net.InetAddress;
import java.util.List;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Route;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;

/** Policy values for tests, with documentation addresses only. */
final class Specs {
    private Specs() {}

    static InetAddress ip(String literal) {
        return Addresses.parseLiteral(literal);
    }

    static List<InetAddress> ips(String... literals) {
        return List.of(literals).stream().map(Specs::ip).toList();
    }

    static Resolvers resolvers(List<String> search, boolean protect, String... servers) {
        return new Resolvers(ips(servers), search, null, protect, null, null, null);
    }

    /** Pinned servers and routes by domain: {@code route("corp.example", "203.0.113.53")}. */
    static Resolvers routed(List<String> search, List<Route> routes, String... servers) {
        return new Resolvers(ips(servers), search, null, true, null, null, null, routes);
    }

    /** One route: its domains before the first address, then its servers. */
    static Route route(String... domainsThenServers) {
        List<String> all = List.of(domainsThenServers);
        int first = 0;
        while (!Character.isDigit(all.get(first).charAt(0)) && !all.get(first).contains(":")) {
            first++;
        }
        return new Route(all.subList(0, first), ips(all.subList(first, all.size()).toArray(String[]::new)));
    }

    static Spec resolversOnly(Resolvers r) {
        return new Spec(r, null, null, null, null, null);
    }

    static Spec ipv6(Toggle t, Resolvers r) {
        return new Spec(r, null, t, null, null, null);
    }

    static Firewall blockAll(String... dohExtra) {
        return new Firewall(PortRule.BLOCK_OTHERS, PortRule.BLOCK_OTHERS, DohRule.BLOCK, ips(dohExtra));
    }

    static Spec firewall(Firewall fw, String... servers) {
        return new Spec(resolvers(List.of(), true, servers), null, null, fw, null, null);
    }

    /** The policy behind the golden ruleset and the captured JSON fixture. */
    static Spec standardFirewall() {
        return firewall(blockAll("192.0.2.44", "2001:db8:d0::44"),
                "198.51.100.53", "203.0.113.53", "2001:db8::53", "9.9.9.9");
    }
}
