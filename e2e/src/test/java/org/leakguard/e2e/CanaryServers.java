package org.leakguard.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Real DNS servers for the canary zone on {@link CanaryHosts}, configured with the dnstap snippets
 * shipped in deploy/canary (included verbatim), and the packaged collector.
 */
final class CanaryServers {
    static final String ZONE_FILE = String.join("\n",
            "$ORIGIN leaktest.example.",
            "$TTL 60",
            "@   SOA ns hostmaster 1 3600 600 86400 60",
            "@   NS  ns",
            "ns  A   " + CanaryHosts.KNOT,
            "*   0 A 192.0.2.1",
            "");

    private CanaryServers() {}

    static Path deploy(String file) {
        return Path.of(System.getProperty("leakguard.deploy", "../deploy")).toAbsolutePath().normalize().resolve("canary").resolve(file);
    }

    /** Knot DNS, authoritative for the zone on 192.0.2.53, with deploy/canary/knot-dnstap.conf. */
    static Process knot(CanaryHosts h) throws IOException {
        Path d = Files.createDirectories(h.dir.resolve("knot"));
        Files.writeString(d.resolve("leaktest.example.zone"), ZONE_FILE);
        Files.writeString(d.resolve("knot.conf"), String.join("\n",
                "server:",
                "    rundir: \"/run/knot\"",
                "    user: root:root",
                "    listen: " + CanaryHosts.KNOT + "@53",
                "database:",
                "    storage: \"" + d + "\"",
                "include: \"" + deploy("knot-dnstap.conf") + "\"",
                "template:",
                "  - id: default",
                "    storage: \"" + d + "\"",
                "zone:",
                "  - domain: " + CanaryHosts.ZONE,
                "    file: leaktest.example.zone",
                "    module: mod-dnstap/leakguard",
                ""));
        return h.start(h.onAuth("knotd", "-c", d.resolve("knot.conf").toString()), "knot");
    }

    /** BIND 9, authoritative for the zone on 192.0.2.54, with deploy/canary/bind-dnstap.conf. */
    static Process bind(CanaryHosts h) throws IOException {
        Path d = Files.createDirectories(h.dir.resolve("bind"));
        Files.writeString(d.resolve("leaktest.example.zone"), ZONE_FILE);
        Files.writeString(d.resolve("named.conf"), String.join("\n",
                "options {",
                "    directory \"" + d + "\";",
                "    pid-file \"/run/named/named.pid\";",
                "    listen-on { " + CanaryHosts.SECOND + "; };",
                "    listen-on-v6 { none; };",
                "    recursion no;",
                "    include \"" + deploy("bind-dnstap.conf") + "\";",
                "};",
                "controls { };",
                "zone \"" + CanaryHosts.ZONE + "\" { type primary; file \"leaktest.example.zone\"; };",
                ""));
        return h.start(h.onAuth("named", "-g", "-c", d.resolve("named.conf").toString()), "named");
    }

    /** Unbound's server section for a test: one address, no IPv6, no privilege drop, files in {@code d}. */
    static String unboundServer(Path d, String address, String allow) {
        return String.join("\n",
                "server:",
                "    interface: " + address,
                "    access-control: " + allow + " allow",
                "    do-ip6: no",
                "    username: \"\"",
                "    chroot: \"\"",
                "    directory: \"" + d + "\"",
                "    pidfile: \"" + d.resolve("unbound.pid") + "\"",
                "    module-config: \"iterator\"",
                "    use-syslog: no");
    }

    /** Unbound answering the zone from an auth-zone on 192.0.2.55, with deploy/canary/unbound-dnstap.conf. */
    static Process unboundAuthority(CanaryHosts h) throws IOException {
        Path d = Files.createDirectories(h.dir.resolve("unbound-auth"));
        Files.writeString(d.resolve("leaktest.example.zone"), ZONE_FILE);
        Files.writeString(d.resolve("unbound.conf"), String.join("\n",
                unboundServer(d, CanaryHosts.THIRD, "0.0.0.0/0"),
                "auth-zone:",
                "    name: \"" + CanaryHosts.ZONE + "\"",
                "    zonefile: \"" + d.resolve("leaktest.example.zone") + "\"",
                "    for-downstream: yes",
                "    for-upstream: no",
                "include: \"" + deploy("unbound-dnstap.conf") + "\"",
                ""));
        return h.start(h.onAuth("unbound", "-d", "-c", d.resolve("unbound.conf").toString()), "unbound-auth");
    }

    /** Unbound as the tunnel resolver: recursive, reaching the zone through a stub to both authorities. */
    static Process tunnelResolver(CanaryHosts h) throws IOException {
        Path d = Files.createDirectories(h.dir.resolve("unbound"));
        Files.writeString(d.resolve("unbound.conf"), String.join("\n",
                unboundServer(d, CanaryHosts.TUNNEL, "203.0.113.0/24"),
                "    outgoing-interface: " + CanaryHosts.TUNNEL_EGRESS,
                "stub-zone:",
                "    name: \"" + CanaryHosts.ZONE + "\"",
                "    stub-addr: " + CanaryHosts.KNOT,
                "    stub-addr: " + CanaryHosts.SECOND,
                ""));
        return h.start(h.on(h.vpn, "unbound", "-d", "-c", d.resolve("unbound.conf").toString()), "unbound");
    }

    /** The packaged collector: dnstap on the socket the snippets name, the API on 192.0.2.10:8080, no DNS. */
    static Process collector(CanaryHosts h, String logName) throws Exception {
        Process p = h.start(h.onAuth(Dist.launcher().toString(), "canary", "serve", "--zone", CanaryHosts.ZONE, "--dnstap",
                CanaryHosts.SOCKET, "--http", CanaryHosts.API + ":8080", "--max-ids", "1000"), logName);
        long until = System.nanoTime() + 30_000_000_000L;
        while (!h.log(logName).contains("canary zone") && System.nanoTime() < until && p.isAlive()) {
            Thread.sleep(100);
        }
        if (!h.log(logName).contains("canary zone")) {
            throw new IllegalStateException("the collector did not start: " + h.log(logName));
        }
        return p;
    }

    /** dig from {@code ns}, optionally from a source address, at a server: the answer's status line. */
    static Run dig(CanaryHosts h, String ns, String source, String server, String name) {
        List<String> argv = source == null
                ? h.on(ns, "dig", "+tries=2", "+time=2", "@" + server, name, "A")
                : h.on(ns, "dig", "+tries=2", "+time=2", "-b", source, "@" + server, name, "A");
        return Proc.run(argv);
    }

    static void awaitAnswer(CanaryHosts h, String ns, String source, String server, String log) throws Exception {
        long until = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < until) {
            Run r = dig(h, ns, source, server, "ready." + CanaryHosts.ZONE);
            if (r.stdout().contains("status: NOERROR") && r.stdout().contains("192.0.2.1")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(server + " does not answer: " + h.log(log));
    }
}
