package org.leakguard.agent.policy;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.InetAddress;
import java.util.List;

/** Which DNS paths the host firewall closes. */
public record Firewall(
        PortRule plainDns,
        PortRule dnsOverTls,
        DohRule publicDoh,
        @JsonDeserialize(contentUsing = IpLiteralDeserializer.class) List<InetAddress> dohAddresses) {

    public Firewall {
        plainDns = plainDns == null ? PortRule.OFF : plainDns;
        dnsOverTls = dnsOverTls == null ? PortRule.OFF : dnsOverTls;
        publicDoh = publicDoh == null ? DohRule.OFF : publicDoh;
        dohAddresses = dohAddresses == null ? List.of() : List.copyOf(dohAddresses);
    }

    public boolean any() {
        return plainDns == PortRule.BLOCK_OTHERS || dnsOverTls == PortRule.BLOCK_OTHERS || publicDoh == DohRule.BLOCK;
    }
}
