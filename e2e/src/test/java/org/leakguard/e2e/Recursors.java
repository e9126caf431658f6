package org.leakguard.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The recursive resolvers organisations run, each as the tunnel resolver of {@link CanaryHosts}
 * (203.0.113.53, leaving from 192.0.2.30), iterating from a root that Knot serves on 192.0.2.53:
 * the root delegates the canary zone to ns.leaktest.example (192.0.2.10), as a parent zone would.
 * DNSSEC validation is off: the test root is unsigned.
 */
final class Recursors {
    static final String ROOT_ZONE = String.join("\n",
            "$ORIGIN .",
            "$TTL 3600",
            ".   SOA a.root-servers.net. hostmaster.root-servers.net. 1 3600 600 86400 60",
            ".   NS  a.root-servers.net.",
            "a.root-servers.net. A " + CanaryHosts.KNOT,
            "leaktest.example. NS ns.leaktest.example.",
            "ns.leaktest.example. A " + CanaryHosts.API,
            "");
    static final String HINTS = ".  3600000  NS  a.root-servers.net.\na.root-servers.net.  3600000  A  " + CanaryHosts.KNOT + "\n";

    private Recursors() {}

    /** Knot serving the test root on 192.0.2.53. */
    static Process knotRoot(CanaryHosts h) throws IOException {
        return knot(h, "knot-root", CanaryHosts.KNOT, ".", "root.zone", ROOT_ZONE);
    }

    /** Knot serving the canary zone itself on 192.0.2.54, to compare answers with. */
    static Process knotCanaryZone(CanaryHosts h) throws IOException {
        return knot(h, "knot-zone", CanaryHosts.SECOND, CanaryHosts.ZONE, "leaktest.example.zone", CanaryServers.ZONE_FILE);
    }

    private static Process knot(CanaryHosts h, String name, String listen, String zone, String file, String text) throws IOException {
        Path d = Files.createDirectories(h.dir.resolve(name));
        Files.writeString(d.resolve(file), text);
        Proc.ok(h.onAuth("mkdir", "-p", "/run/" + name));
        Files.writeString(d.resolve("knot.conf"), String.join("\n",
                "server:",
                "    rundir: \"/run/" + name + "\"",
                "    user: root:root",
                "    listen: " + listen + "@53",
                "database:",
                "    storage: \"" + d + "\"",
                "template:",
                "  - id: default",
                "    storage: \"" + d + "\"",
                "zone:",
                "  - domain: " + zone,
                "    file: " + file,
                ""));
        return h.start(h.onAuth("knotd", "-c", d.resolve("knot.conf").toString()), name);
    }

    static Process unbound(CanaryHosts h) throws IOException {
        Path d = Files.createDirectories(h.dir.resolve("unbound-recursor"));
        Files.writeString(d.resolve("root.hints"), HINTS);
        Files.writeString(d.resolve("unbound.conf"), String.join("\n",
                CanaryServers.unboundServer(d, CanaryHosts.TUNNEL, "203.0.113.0/24"),
                "    outgoing-interface: " + CanaryHosts.TUNNEL_EGRESS,
                "    root-hints: \"" + d.resolve("root.hints") + "\"",
                ""));
        return h.start(h.on(h.vpn, "unbound", "-d", "-c", d.resolve("unbound.conf").toString()), "unbound-recursor");
    }

    static Process knotResolver(CanaryHosts h) throws IOException {
        return knotResolver(h, "hints.root({['a.root-servers.net.'] = '" + CanaryHosts.KNOT + "'})");
    }

    /** Knot Resolver with a stub to the zone's authorities, as a site that does not delegate publicly configures it. */
    static Process knotResolverStub(CanaryHosts h) throws IOException {
        return knotResolver(h, "policy.add(policy.suffix(policy.STUB({'" + CanaryHosts.KNOT + "', '" + CanaryHosts.SECOND
                + "'}), {todname('" + CanaryHosts.ZONE + ".')}))");
    }

    private static Process knotResolver(CanaryHosts h, String reach) throws IOException {
        Path d = Files.createDirectories(h.dir.resolve("kresd"));
        Files.writeString(d.resolve("kresd.conf"), String.join("\n",
                "net.ipv6 = false",
                "net.listen('" + CanaryHosts.TUNNEL + "', 53, { kind = 'dns' })",
                "net.outgoing_v4('" + CanaryHosts.TUNNEL_EGRESS + "')",
                "trust_anchors.remove('.')",
                "modules.load('hints > iterate')",
                reach,
                "cache.open(10 * MB, 'lmdb://" + d.resolve("cache") + "')",
                ""));
        return h.start(h.on(h.vpn, "kresd", "--noninteractive", "-c", d.resolve("kresd.conf").toString(), d.toString()), "kresd");
    }

    static Process bind(CanaryHosts h) throws IOException {
        return bind(h, "zone \".\" { type hint; file \"root.hints\"; };");
    }

    /** BIND with a static stub to the zone's authorities. */
    static Process bindStub(CanaryHosts h) throws IOException {
        return bind(h, "zone \"" + CanaryHosts.ZONE + "\" { type static-stub; server-addresses { " + CanaryHosts.KNOT + "; "
                + CanaryHosts.SECOND + "; }; };");
    }

    private static Process bind(CanaryHosts h, String reach) throws IOException {
        Path d = Files.createDirectories(h.dir.resolve("bind-recursor"));
        Files.writeString(d.resolve("root.hints"), HINTS);
        Files.writeString(d.resolve("named.conf"), String.join("\n",
                "options {",
                "    directory \"" + d + "\";",
                "    pid-file \"" + d.resolve("named.pid") + "\";",
                "    session-keyfile \"" + d.resolve("session.key") + "\";",
                "    managed-keys-directory \"" + d + "\";",
                "    listen-on { " + CanaryHosts.TUNNEL + "; };",
                "    listen-on-v6 { none; };",
                "    query-source address " + CanaryHosts.TUNNEL_EGRESS + ";",
                "    recursion yes;",
                "    allow-recursion { any; };",
                "    dnssec-validation no;",
                "};",
                "controls { };",
                reach,
                ""));
        return h.start(h.on(h.vpn, "named", "-g", "-4", "-c", d.resolve("named.conf").toString()), "named-recursor");
    }
}
