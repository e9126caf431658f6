package org.leakguard.platform.linux;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.spi.Finding;

/**
 * What the resolvers control leaves alone while the captive-portal window is open: the
 * resolv.conf or systemd-resolved link the window pointed at the network's resolver, as long as
 * the kernel still holds that resolver open. Once it does not, the same settings are drift. Pure.
 */
final class WindowResolvers {
    private WindowResolvers() {}

    /**
     * Whether the window's kernel state is worth reading: a plain file naming other servers before
     * exactly the pinned ones, or a resolved link routing every name ({@code ~.}) to its servers.
     */
    static boolean shaped(ResolvState seen, List<String> servers) {
        if (seen.offline()) {
            return false;
        }
        List<String> named = seen.text() == null ? List.of() : ResolvConf.parseNameservers(seen.text());
        boolean file = !seen.isLink() && !servers.isEmpty() && named.size() > servers.size()
                && named.subList(named.size() - servers.size(), named.size()).equals(servers);
        return file || seen.split().links().values().stream().anyMatch(d -> d.domains().contains(PointLink.EVERY_NAME));
    }

    /** The file as the window wrote it: addresses the window holds open now, then exactly the pinned ones. */
    static boolean leads(String text, List<String> window, List<String> servers, List<String> search) {
        List<String> named = text == null ? List.of() : ResolvConf.parseNameservers(text);
        int lead = named.size() - servers.size();
        return lead > 0 && window.containsAll(named.subList(0, lead)) && named.subList(lead, named.size()).equals(servers)
                && (search.isEmpty() || ResolvConf.parseSearch(text).equals(search));
    }

    /** The split state without the links the window pointed, each said as a finding. */
    static SplitDnsState withoutWindowLinks(SplitDnsState split, List<String> window, List<Finding> findings) {
        Map<String, LinkDns> links = new LinkedHashMap<>();
        split.links().forEach((link, dns) -> {
            boolean pointed = !dns.servers().isEmpty() && window.containsAll(dns.servers())
                    && dns.domains().equals(List.of(PointLink.EVERY_NAME));
            if (pointed) {
                findings.add(Finding.info("link " + link + " asks " + dns.servers() + " for every name while the captive-portal"
                        + " window is open; the close of the window puts the link back"));
            } else {
                links.put(link, dns);
            }
        });
        return links.size() == split.links().size() ? split : new SplitDnsState(split.unavailable(), split.global(), links,
                split.globalTls(), split.linkTls(), split.serverLinks(), split.noLink(), split.boot());
    }
}
