package org.leakguard.platform.macos;

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

/** Policy values for tests, documentation addresses only. */
final class Specs {
    static final String TEMPLATE = "https://dns.corp.example/dns-query{?dns}";

    private Specs() {}

    static List<InetAddress> ips(String... literals) {
        return List.of(literals).stream().map(Ips::parse).toList();
    }

    static Resolvers resolvers(List<String> search, Encryption encryption, String... servers) {
        return new Resolvers(ips(servers), search, null, true, encryption,
                encryption == Encryption.DOT ? "dns.corp.example" : null,
                encryption == Encryption.DOH ? TEMPLATE : null);
    }

    static Spec pin(String... servers) {
        return new Spec(resolvers(List.of(), Encryption.NONE, servers), null, null, null, null, null);
    }

    /** Pinned servers for every name but the routes' domains. */
    static Spec routed(List<Route> routes, String... servers) {
        Resolvers r = resolvers(List.of(), Encryption.NONE, servers);
        return new Spec(new Resolvers(r.servers(), List.of(), null, true, Encryption.NONE, null, null, routes), null, null,
                null, null, null);
    }

    static Spec pinWithSearch(List<String> search, String... servers) {
        return new Spec(resolvers(search, Encryption.NONE, servers), null, null, null, null, null);
    }

    static Spec encrypted(Encryption e, String... servers) {
        return new Spec(resolvers(List.of(), e, servers), null, null, null, null, null);
    }

    static Spec ipv6Off() {
        return new Spec(null, null, Toggle.DISABLE, null, null, null);
    }

    /** The policy behind the golden ruleset. */
    static Spec standardFirewall() {
        return new Spec(resolvers(List.of(), Encryption.NONE, "203.0.113.53", "2001:db8::53", "9.9.9.9"), null, null,
                new Firewall(PortRule.BLOCK_OTHERS, PortRule.BLOCK_OTHERS, DohRule.BLOCK, ips("192.0.2.44", "2001:db8:d0::44")),
                null, null);
    }

    static Spec browsers(BrowserDoh doh, boolean template) {
        Resolvers r = template ? resolvers(List.of(), Encryption.NONE, "203.0.113.53") : null;
        Resolvers withTemplate = r == null ? null : new Resolvers(r.servers(), List.of(), null, true, Encryption.NONE, null, TEMPLATE);
        return new Spec(withTemplate, null, null, null, new Browsers(doh), null);
    }

    /** Everything a profile carries: DoH for the system and browsers off. */
    static Spec profileDoh() {
        return new Spec(resolvers(List.of(), Encryption.DOH, "203.0.113.53", "2001:db8::53"), null, null, null,
                new Browsers(BrowserDoh.OFF), null);
    }
}
