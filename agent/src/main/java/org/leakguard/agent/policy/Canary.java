package org.leakguard.agent.policy;

import java.net.InetAddress;
import java.util.List;

/**
 * A canary authority: {@code <id>.<domain>} is resolved through the system resolver and
 * {@code api} (with {@code {id}} filled in) says which resolvers asked for it.
 */
public record Canary(String domain, String api, List<InetAddress> expect) {
    public Canary {
        expect = expect == null ? List.of() : List.copyOf(expect);
    }
}
