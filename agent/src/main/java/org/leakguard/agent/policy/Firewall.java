package org.leakguard.agent.policy;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.InetAddress;
import java.util.List;

/**
 * Which DNS paths the host firewall closes.
 *
 * @param exceptions programs whose own DNS (53 and 853) may reach any address: a VPN client
 *     that must look up its server while the tunnel is down
 * @param portal the captive-portal window the policy allows; null allows none
 */
public record Firewall(
        PortRule plainDns,
        PortRule dnsOverTls,
        DohRule publicDoh,
        @JsonDeserialize(contentUsing = IpLiteralDeserializer.class) List<InetAddress> dohAddresses,
        List<Exemption> exceptions,
        Portal portal) {

    public Firewall {
        plainDns = plainDns == null ? PortRule.OFF : plainDns;
        dnsOverTls = dnsOverTls == null ? PortRule.OFF : dnsOverTls;
        publicDoh = publicDoh == null ? DohRule.OFF : publicDoh;
        dohAddresses = dohAddresses == null ? List.of() : List.copyOf(dohAddresses);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    }

    /** The blocking rules only: no exceptions, no portal window. */
    public Firewall(PortRule plainDns, PortRule dnsOverTls, DohRule publicDoh, List<InetAddress> dohAddresses) {
        this(plainDns, dnsOverTls, publicDoh, dohAddresses, null, null);
    }

    public boolean any() {
        return plainDns == PortRule.BLOCK_OTHERS || dnsOverTls == PortRule.BLOCK_OTHERS || publicDoh == DohRule.BLOCK;
    }

    /** The exceptions of one kind, in policy order. */
    public List<Exemption> exceptions(Exemption.Kind kind) {
        return exceptions.stream().filter(e -> e.kind() == kind).toList();
    }
}
