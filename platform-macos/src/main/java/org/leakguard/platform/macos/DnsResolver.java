package org.leakguard.platform.macos;

import java.util.List;

/**
 * One {@code resolver #N} block of {@code scutil --dns}.
 *
 * @param scoped from the "for scoped queries" part: used only by what binds to that interface
 * @param domain the domain it answers for (supplemental), or null for a default resolver
 * @param flags the {@code flags} line split at commas ({@code Supplemental}, {@code Scoped}, ...)
 */
record DnsResolver(boolean scoped, int number, String domain, List<String> nameservers, String ifName, List<String> flags,
        boolean mdns) {

    DnsResolver {
        nameservers = List.copyOf(nameservers);
        flags = List.copyOf(flags);
    }

    /**
     * Answers only some names, so they bypass the default resolver: a {@code domain} (an
     * /etc/resolver file, a VPN's split DNS) or the Supplemental flag (a VPN matching every name
     * when it has no domain). mDNS (.local and link-local reverse zones) never leaves the link.
     */
    boolean supplemental() {
        return !mdns && !scoped && !nameservers.isEmpty() && (domain != null || flags.contains("Supplemental"));
    }

    /**
     * Answers every name (not only a domain's), so it decides where queries go: the default
     * resolvers, the scoped ones (what binds to that interface), a match-all Supplemental one.
     */
    boolean judged() {
        return !mdns && !nameservers.isEmpty() && domain == null;
    }

    /** "default resolver #1 on ppp0", "scoped resolver #2 on en1", with "interface not shown" when scutil gave none. */
    String role() {
        String kind = scoped ? "scoped" : flags.contains("Supplemental") ? "supplemental (every name)" : "default";
        return kind + " resolver #" + number + " on " + (ifName == null ? "an interface scutil does not name" : ifName);
    }

    /**
     * Where a domain resolver comes from, as configd builds the list: a service's supplemental match
     * domain carries the Supplemental flag and its interface; an /etc/resolver file has neither
     * unless the file sets {@code flags} or {@code interface} (dnsinfo_flatfile.c).
     */
    String origin() {
        return flags.contains("Supplemental") || ifName != null
                ? "a network service's supplemental match domain" + (ifName == null ? "" : " on " + ifName)
                : "an /etc/resolver file";
    }

    String describe() {
        return "resolver #" + number + (domain == null ? "" : " (" + domain + ")")
                + (ifName == null ? "" : " on " + ifName) + ": " + (nameservers.isEmpty() ? "no nameserver" : String.join(", ", nameservers));
    }
}
