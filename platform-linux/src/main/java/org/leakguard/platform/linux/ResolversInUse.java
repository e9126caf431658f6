package org.leakguard.platform.linux;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.host.Files;

/**
 * The resolvers the host sends queries to now, read from resolv.conf; behind systemd-resolved's
 * stub, its uplinks. Loopback stubs are left out: the firewall keeps loopback open on purpose.
 */
final class ResolversInUse {
    static final String RESOLVED_UPLINKS = "/run/systemd/resolve/resolv.conf";

    private ResolversInUse() {}

    static List<InetAddress> read(Files files) throws IOException {
        List<String> chain = HostReads.linkChain(files, ResolvConf.PATH);
        String text = HostReads.readThrough(files, ResolvConf.PATH, chain);
        List<InetAddress> out = new ArrayList<>(parse(text));
        if (ResolvConf.parseOwner(chain, text, false) == ResolvOwner.SYSTEMD_RESOLVED) {
            out.addAll(parse(files.readString(RESOLVED_UPLINKS).orElse(null)));
        }
        return Addresses.distinctSorted(out);
    }

    /** The nameserver addresses that are not loopback; scoped or unreadable entries are skipped. */
    static List<InetAddress> parse(String text) {
        List<InetAddress> out = new ArrayList<>();
        for (String s : ResolvConf.parseNameservers(text)) {
            try {
                InetAddress a = Addresses.parseLiteral(s);
                if (!a.isLoopbackAddress()) {
                    out.add(a);
                }
            } catch (IllegalArgumentException e) {
                // A scoped link-local (fe80::1%eth0) or a typo: not an address a probe can aim at.
            }
        }
        return out;
    }
}
