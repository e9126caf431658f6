package org.leakguard.platform.linux;

/**
 * One socket from /proc/net/{udp,udp6,tcp,tcp6}.
 *
 * @param proto "udp", "udp6", "tcp" or "tcp6", as the file is named
 * @param state the kernel's state number (TCP_ESTABLISHED 1 ... TCP_LISTEN 10; UDP uses 1 and 7)
 */
record ProcSocket(String proto, String local, int localPort, String remote, int remotePort, int state, long inode) {

    boolean listening() {
        return remotePort == 0 && (state == 7 || state == 10);
    }

    /** Whether it talks to, or serves, plain DNS (53) or DNS over TLS (853). */
    boolean dns() {
        return localPort == 53 || remotePort == 53 || remotePort == 853 || (listening() && localPort == 853);
    }

    /** ss's word for the state (include/net/tcp_states.h), never a bare number. */
    String stateName() {
        return switch (state) {
            case 1 -> "ESTAB";
            case 2 -> "SYN-SENT";
            case 3 -> "SYN-RECV";
            case 4 -> "FIN-WAIT-1";
            case 5 -> "FIN-WAIT-2";
            case 6 -> "TIME-WAIT";
            case 7 -> proto.startsWith("udp") ? "UNCONN" : "CLOSE";
            case 8 -> "CLOSE-WAIT";
            case 9 -> "LAST-ACK";
            case 10 -> "LISTEN";
            case 11 -> "CLOSING";
            case 12 -> "NEW-SYN-RECV";
            default -> "UNKNOWN";
        };
    }
}
