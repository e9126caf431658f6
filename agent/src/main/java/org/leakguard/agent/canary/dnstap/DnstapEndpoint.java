package org.leakguard.agent.canary.dnstap;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/** Where the collector listens for dnstap writers: a unix socket path, or {@code tcp:HOST:PORT}. */
public sealed interface DnstapEndpoint {
    record Unix(Path path) implements DnstapEndpoint {
        @Override
        public String toString() {
            return "unix:" + path;
        }
    }

    record Tcp(InetSocketAddress address) implements DnstapEndpoint {
        @Override
        public String toString() {
            String host = address.getAddress().getHostAddress();
            return "tcp:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
        }
    }
}
