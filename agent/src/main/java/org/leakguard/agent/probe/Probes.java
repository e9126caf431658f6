package org.leakguard.agent.probe;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/** The probe kinds, each a small recipe over {@link Network}. */
final class Probes {
    private Probes() {}

    static Probe dnsMustFail(InetAddress server, boolean tcp, String label, Duration timeout) {
        String kind = tcp ? "dns-tcp" : "dns-udp";
        return new Probe(kind, server.getHostAddress(), "unreachable", () -> {
            Network.Reply r = Network.query(server, tcp, label + ".leakguard-probe.invalid", timeout);
            return new Probe.Observed(r.what(), !r.reached());
        });
    }

    static Probe dnsMustAnswer(InetAddress server, String label, Duration timeout) {
        return new Probe("pinned", server.getHostAddress(), "answers", () -> {
            Network.Reply r = Network.query(server, false, label + ".leakguard-probe.invalid", timeout);
            return new Probe.Observed(r.what(), r.reached());
        });
    }

    static Probe connectMustFail(String kind, InetAddress address, int port, Duration timeout) {
        return new Probe(kind, address.getHostAddress() + ":" + port, "unreachable", () -> {
            Network.Reply r = Network.connect(address, port, timeout);
            return new Probe.Observed(r.what(), !r.reached());
        });
    }

    static Probe quicMustFail(String kind, InetAddress address, int port, Duration timeout) {
        return new Probe(kind, address.getHostAddress() + ":" + port + "/udp", "unreachable", () -> {
            Network.Reply r = Network.quic(address, port, timeout);
            return new Probe.Observed(r.what(), !r.reached());
        });
    }

    static Probe connectMustSucceed(String kind, InetAddress address, int port, Duration timeout) {
        return new Probe(kind, address.getHostAddress() + ":" + port, "reachable", () -> {
            Network.Reply r = Network.connect(address, port, timeout);
            return new Probe.Observed(r.what(), r.reached());
        });
    }

    static Probe noGlobalIpv6(Interfaces interfaces) {
        return new Probe("ipv6", "global addresses", "none", () -> {
            List<String> global = interfaces.addresses().stream()
                    .filter(Interfaces::isGlobalIpv6)
                    .map(InetAddress::getHostAddress)
                    .toList();
            return new Probe.Observed(global.isEmpty() ? "none" : String.join(", ", global), global.isEmpty());
        });
    }
}
