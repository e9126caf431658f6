package org.leakguard.agent.probe;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The host's addresses, as the probes see them. */
interface Interfaces {

    List<InetAddress> addresses() throws SocketException;

    Interfaces SYSTEM = () -> {
        List<InetAddress> all = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            all.addAll(Collections.list(nic.getInetAddresses()));
        }
        return all;
    };

    /** Global scope as {@code ip -6 addr} means it: not loopback, link-local or multicast (ULA included). */
    static boolean isGlobalIpv6(InetAddress a) {
        return a instanceof Inet6Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isMulticastAddress();
    }
}
