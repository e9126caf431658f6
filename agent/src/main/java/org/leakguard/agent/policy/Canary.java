package org.leakguard.agent.policy;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.InetAddress;
import java.util.List;

/**
 * A canary authority: {@code <id>.<domain>} is resolved through the system resolver and
 * {@code api} (with {@code {id}} filled in) says which resolvers asked for it. An empty
 * {@code expect} means the probes expect the pinned resolvers themselves.
 */
public record Canary(
        String domain,
        String api,
        @JsonDeserialize(contentUsing = IpLiteralDeserializer.class) List<InetAddress> expect) {

    public Canary {
        expect = expect == null ? List.of() : List.copyOf(expect);
    }
}
