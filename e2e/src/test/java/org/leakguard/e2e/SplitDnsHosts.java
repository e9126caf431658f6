package org.leakguard.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Split DNS around a {@link Sandbox} client that has the canary host: a public resolver (the one
 * the policy pins) and a corporate resolver, each on a host of its own and each real dnsmasq with a
 * query log, a second canary authority for the corporate zone, and a stub on the client's loopback
 * that routes names by domain as the host's resolver would (systemd-resolved, a VPN client's
 * stub). The stub can be set to route correctly or to send everything to one resolver.
 *
 * <p>Each resolver reaches the canary host from its own address, so the canaries see the
 * resolvers by the addresses the policy names. The public resolver reaches the corporate canary
 * too, as it would if the zone were delegated publicly, so a corporate name that leaks to it shows
 * up as asked by it; other corporate names get NXDOMAIN there.
 */
final class SplitDnsHosts implements AutoCloseable {
    static final String PUBLIC = "192.0.2.100";
    static final String CORP = "192.0.2.153";
    static final String CORP_ZONE = "corp.example";
    static final String CORP_INTERNAL = "corp.internal";
    static final String CORP_CANARY_ZONE = "canary.corp.example";
    static final String PROBE_NAME = "probe.corp.example";
    static final String PROBE_INTERNAL = "probe.corp.internal";
    static final String PROBE_ANSWER = "192.0.2.77";
    static final String CORP_CANARY_API = "http://" + Sandbox.CANARY + ":8081/v1/observations/{id}";

    /** Where the client's stub sends names. */
    enum Stub {
        /** Names under the corporate domains to the corporate resolver, all others to the public one. */
        SPLIT,
        /** Everything to the public resolver: corporate names leak. */
        ALL_PUBLIC,
        /** Everything to the corporate resolver: public names go to it. */
        ALL_CORPORATE
    }

    private final Sandbox sandbox;
    final String pub;
    final String corp;
    private final List<Runnable> cleanup = new ArrayList<>();

    private SplitDnsHosts(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.pub = "lgrp" + sandbox.id;
        this.corp = "lgro" + sandbox.id;
    }

    /** Around {@code sandbox} (made with its canary host), with the stub in {@code stub} mode. */
    static SplitDnsHosts around(Sandbox sandbox, Stub stub) throws IOException {
        SplitDnsHosts h = new SplitDnsHosts(sandbox);
        try {
            h.network();
            h.startCorporateCanary();
            h.startResolver(h.pub, PUBLIC, List.of("--address=/" + CORP_ZONE + "/", "--address=/" + CORP_INTERNAL + "/",
                    "--address=/#/203.0.113.1"));
            h.corporateResolver(true);
            h.stub(stub);
            sandbox.writeResolvConf("nameserver 127.0.0.1\n");
            return h;
        } catch (RuntimeException | IOException e) {
            h.close();
            throw e;
        }
    }

    private void network() {
        for (String ns : List.of(pub, corp)) {
            Proc.ok(List.of("ip", "netns", "add", ns));
            cleanup.add(0, () -> Proc.run(List.of("ip", "netns", "del", ns)));
            Proc.ok(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        }
        String id = sandbox.id;
        // The resolver's own address is on its link to the canary host, so it asks from that address.
        Sandbox.pointToPoint("pk" + id, pub, PUBLIC, "kp" + id, sandbox.canary, Sandbox.CANARY);
        Sandbox.pointToPoint("ok" + id, corp, CORP, "ko" + id, sandbox.canary, Sandbox.CANARY);
        Sandbox.pointToPoint("cp" + id, sandbox.client, "192.0.2.3", "pc" + id, pub, PUBLIC);
        Sandbox.pointToPoint("co" + id, sandbox.client, "192.0.2.4", "oc" + id, corp, CORP);
    }

    /** The packaged canary authority for the corporate zone, beside the general one on the canary host. */
    private void startCorporateCanary() throws IOException {
        Process p = Sandbox.canaryServe(sandbox.canary, CORP_CANARY_ZONE, Sandbox.CANARY + ":5353", Sandbox.CANARY + ":8081");
        cleanup.add(0, () -> Sandbox.stop(p));
    }

    /** Starts the corporate resolver, or with {@code up} false stops it, as a VPN that goes down takes it away. */
    void corporateResolver(boolean up) {
        Sandbox.kill(pidFile(corp));
        if (up) {
            startResolver(corp, CORP, List.of("--address=/" + PROBE_NAME + "/" + PROBE_ANSWER,
                    "--address=/" + PROBE_INTERNAL + "/" + PROBE_ANSWER, "--address=/#/192.0.2.1"));
        }
    }

    /** A resolver answering from {@code answers}, forwarding both canary zones to their authorities. */
    private void startResolver(String ns, String address, List<String> answers) {
        List<String> argv = new ArrayList<>(dnsmasq(ns, address));
        argv.add("--server=/" + Sandbox.CANARY_ZONE + "/" + Sandbox.CANARY);
        argv.add("--server=/" + CORP_CANARY_ZONE + "/" + Sandbox.CANARY + "#5353");
        argv.addAll(answers);
        Proc.ok(argv);
    }

    /** (Re)starts the client's stub on 127.0.0.1, routing as {@code mode} says. */
    void stub(Stub mode) {
        Sandbox.kill(pidFile(sandbox.client));
        List<String> argv = new ArrayList<>(dnsmasq(sandbox.client, "127.0.0.1"));
        argv.add("--cache-size=0");
        switch (mode) {
            case SPLIT -> {
                argv.add("--server=/" + CORP_ZONE + "/" + CORP);
                argv.add("--server=/" + CORP_INTERNAL + "/" + CORP);
                argv.add("--server=" + PUBLIC);
            }
            case ALL_PUBLIC -> argv.add("--server=" + PUBLIC);
            case ALL_CORPORATE -> argv.add("--server=" + CORP);
        }
        Proc.ok(argv);
    }

    private List<String> dnsmasq(String ns, String address) {
        Path pid = pidFile(ns);
        cleanup.add(0, () -> Sandbox.kill(pid));
        return List.of("ip", "netns", "exec", ns, "dnsmasq", "--no-resolv", "--no-hosts", "--bind-interfaces",
                "--listen-address=" + address, "--log-queries", "--log-facility=" + sandbox.log(ns), "--pid-file=" + pid,
                "--user=root", "--group=root");
    }

    private Path pidFile(String ns) {
        return sandbox.dir.resolve(ns + "-split.pid");
    }

    /** What a resolver of this setup was asked: its query log. */
    String queries(String ns) throws IOException {
        return sandbox.queries(ns);
    }

    @Override
    public void close() {
        for (Runnable r : cleanup) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // Keep cleaning: one failure must not leave the rest behind.
            }
        }
    }
}
