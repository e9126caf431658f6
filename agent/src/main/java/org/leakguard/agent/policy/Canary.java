package org.leakguard.agent.policy;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.InetAddress;
import java.util.List;

/**
 * A canary authority: {@code <id>.<domain>} is resolved through the system resolver and
 * {@code api} (with {@code {id}} filled in) says which resolvers asked for it: one URL, or several
 * (collectors in several places), all asked and their answers joined. An empty {@code expect}
 * means the probes expect the pinned resolvers themselves.
 */
public record Canary(
        String domain,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> api,
        @JsonDeserialize(contentUsing = IpLiteralDeserializer.class) List<InetAddress> expect) {

    public Canary {
        api = api == null ? List.of() : List.copyOf(api);
        expect = expect == null ? List.of() : List.copyOf(expect);
    }

    /** One canary API, as most policies have it. */
    public Canary(String domain, String api, List<InetAddress> expect) {
        this(domain, api == null ? List.of() : List.of(api), expect);
    }
}
