package org.leakguard.agent.policy;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.InetAddress;
import java.util.List;

/** The only resolvers the host may use, and how they are protected. */
public record Resolvers(
        @JsonDeserialize(contentUsing = IpLiteralDeserializer.class) List<InetAddress> servers,
        List<String> searchDomains,
        Fallback fallback,
        Boolean protectFromOverwrite,
        Encryption encryption,
        String tlsName,
        String dohTemplate) {

    public Resolvers {
        servers = servers == null ? List.of() : List.copyOf(servers);
        searchDomains = searchDomains == null ? List.of() : List.copyOf(searchDomains);
        fallback = fallback == null ? Fallback.DENY : fallback;
        protectFromOverwrite = protectFromOverwrite == null ? Boolean.TRUE : protectFromOverwrite;
        encryption = encryption == null ? Encryption.NONE : encryption;
    }

    public boolean protect() {
        return protectFromOverwrite;
    }
}
