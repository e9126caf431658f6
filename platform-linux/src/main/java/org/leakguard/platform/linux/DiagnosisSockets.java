package org.leakguard.platform.linux;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;

/**
 * Open sockets on port 53 and 853 and the process holding each, as {@code ss -tunap} would show
 * them, read from /proc. A query to a server the system resolver does not name is a leak path.
 */
final class DiagnosisSockets {
    static final String TOPIC = "sockets";

    private DiagnosisSockets() {}

    static Diagnosis run(Files files, List<String> knownServers) throws IOException {
        List<ProcSocket> dns = new ArrayList<>();
        for (String name : ProcNet.FILES) {
            files.readString("/proc/net/" + name).ifPresent(t -> ProcNet.parse(name, t).stream()
                    .filter(ProcSocket::dns).forEach(dns::add));
        }
        Set<Long> inodes = dns.stream().map(ProcSocket::inode).collect(Collectors.toSet());
        Map<Long, String> owners = ProcOwners.of(files, inodes);
        List<String> evidence = dns.stream().map(s -> SocketsFormat.line(s, owners)).toList();
        List<String> foreign = foreign(dns, knownServers, owners);
        if (!foreign.isEmpty()) {
            return new Diagnosis(TOPIC, Finding.Severity.WARNING, "DNS goes to servers the system resolver does not"
                    + " name: " + foreign, evidence);
        }
        return new Diagnosis(TOPIC, Finding.Severity.INFO, dns.isEmpty()
                ? "no socket on port 53 or 853 is open" : dns.size() + " DNS sockets, all local or to known servers",
                evidence);
    }

    /** Connections to a non-loopback peer on 53 or 853 that is not one of the known servers. */
    static List<String> foreign(List<ProcSocket> sockets, List<String> knownServers, Map<Long, String> owners) {
        Set<String> known = new java.util.HashSet<>();
        for (String k : knownServers) {
            try {
                known.add(Addresses.text(Addresses.parseLiteral(k)));
            } catch (IllegalArgumentException e) {
                // A scoped or malformed entry names no server a socket could show.
            }
        }
        List<String> out = new ArrayList<>();
        for (ProcSocket s : sockets) {
            if (s.remotePort() == 0 || s.localPort() == 53) {
                continue;
            }
            InetAddress peer = Addresses.parseLiteral(s.remote());
            if (!peer.isLoopbackAddress() && !known.contains(s.remote())) {
                String who = owners.getOrDefault(s.inode(), "unknown process");
                out.add(SocketsFormat.endpoint(s.remote(), String.valueOf(s.remotePort())) + " (" + who + ")");
            }
        }
        return out;
    }
}
