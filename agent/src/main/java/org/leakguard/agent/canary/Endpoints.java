package org.leakguard.agent.canary;

import java.net.InetSocketAddress;

/** How a listen address is written in logs and /healthz: 127.0.0.1:53, [::1]:53. */
final class Endpoints {
    private Endpoints() {}

    static String show(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
