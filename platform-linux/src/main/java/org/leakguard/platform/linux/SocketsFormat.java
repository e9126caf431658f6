package org.leakguard.platform.linux;

import java.util.Map;

/** ss-like lines for diagnose: {@code udp UNCONN 127.0.0.1:53 0.0.0.0:* users:(("dnsmasq",pid=812))}. Pure. */
final class SocketsFormat {
    private SocketsFormat() {}

    static String line(ProcSocket s, Map<Long, String> owners) {
        String netid = s.proto().startsWith("udp") ? "udp" : "tcp";
        String peer = s.remotePort() == 0 ? endpoint(s.remote(), "*") : endpoint(s.remote(), String.valueOf(s.remotePort()));
        String owner = owners.get(s.inode());
        return netid + " " + s.stateName() + " " + endpoint(s.local(), String.valueOf(s.localPort())) + " " + peer
                + (owner == null ? "" : " users:((" + owner + "))");
    }

    /** IPv6 in brackets, and the unspecified IPv6 address as ss prints it. */
    static String endpoint(String address, String port) {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    /** How ss names a process holding a socket. */
    static String owner(String comm, long pid) {
        return "\"" + comm.strip() + "\",pid=" + pid;
    }
}
