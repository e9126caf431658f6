package org.leakguard.platform.windows;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One network adapter as {@code GetAdaptersAddresses} reports it.
 *
 * @param guid the adapter name, {@code {4D36E972-...}}, which stays the same across reboots
 * @param alias the friendly name people see ({@code Wi-Fi}); data, never part of a command
 * @param index the IPv4 interface index (0 when IPv4 is off on it)
 * @param ifType the IANA interface type: 24 loopback, 131 tunnel, 6 Ethernet, 71 Wi-Fi
 * @param dnsServers the DNS servers in effect, static or from DHCP
 */
public record Adapter(String guid, String alias, String description, int index, int ifType, boolean up,
        List<InetAddress> dnsServers, List<InetAddress> addresses) {

    public static final int LOOPBACK = 24;
    public static final int TUNNEL = 131;

    public Adapter {
        Objects.requireNonNull(guid, "guid");
        alias = alias == null ? "" : alias;
        description = description == null ? "" : description;
        dnsServers = List.copyOf(dnsServers);
        addresses = List.copyOf(addresses);
    }

    /**
     * Up, and neither loopback nor one of Windows' IPv6 transition tunnels (Teredo, 6to4,
     * IP-HTTPS: type 131), which have no DNS settings of their own. VPN adapters have other types.
     */
    public boolean carriesDns() {
        return up && ifType != LOOPBACK && ifType != TUNNEL;
    }
}
