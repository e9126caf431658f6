package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Fallback;
import org.leakguard.agent.policy.Resolvers;

/** leakguard's systemd-resolved drop-in, and reading other drop-ins' [Resolve] keys. Pure functions: no I/O. */
final class ResolvedDropIn {
    static final String DIR = "/etc/systemd/resolved.conf.d";
    static final String NAME = "90-leakguard.conf";
    static final String PATH = DIR + "/" + NAME;
    static final String MARKER = "# Managed by leakguard: the resolvers pinned by policy. Delete this file to undo.";

    /** Where resolved looks for drop-ins; a later name overrides an earlier one whatever the folder. */
    static final List<String> DIRS = List.of(DIR, "/run/systemd/resolved.conf.d",
            "/usr/local/lib/systemd/resolved.conf.d", "/usr/lib/systemd/resolved.conf.d", "/lib/systemd/resolved.conf.d");

    /** Keys whose assignments add to a list; an empty assignment clears it. */
    private static final Set<String> LISTS = Set.of("DNS", "Domains", "FallbackDNS");

    /** resolved's own stub listeners: it drops them from DNS= (asking itself would loop). */
    static final Set<String> STUBS = Set.of("127.0.0.53", "127.0.0.54");

    private ResolvedDropIn() {}

    /**
     * The drop-in for the policy. {@code Domains=~.} keeps per-link (DHCP) servers out of every
     * lookup: without it they are asked in parallel with {@code DNS=}. An empty
     * {@code FallbackDNS=} removes the compiled-in public list. LLMNR and mDNS would send names
     * to whoever answers on the link. List keys add to what resolved.conf and earlier drop-ins
     * set, so each is emptied first; but for a policy that names no search domain, the host's
     * search domains stay and {@code ~.} is only added to them.
     */
    static String render(Resolvers want) {
        StringBuilder out = new StringBuilder(MARKER).append("\n[Resolve]\n");
        keys(want).forEach((k, v) -> {
            boolean keepHost = k.equals("Domains") && want.searchDomains().isEmpty();
            if (LISTS.contains(k) && !v.isEmpty() && !keepHost) {
                out.append(k).append("=\n");
            }
            out.append(k).append('=').append(v).append('\n');
        });
        return out.toString();
    }

    /**
     * The [Resolve] keys leakguard sets, in file order, and as resolved stores them: a server or
     * domain listed twice once (domains compared case-insensitively), its stub addresses dropped,
     * so the file and the comparison with the running daemon agree.
     */
    static Map<String, String> keys(Resolvers want) {
        boolean dot = want.encryption() == Encryption.DOT;
        Set<String> servers = new LinkedHashSet<>();
        for (var a : want.servers()) {
            String s = Addresses.withScope(a);
            if (!STUBS.contains(s)) {
                servers.add(dot && want.tlsName() != null ? s + "#" + want.tlsName() : s);
            }
        }
        List<String> domains = new ArrayList<>(List.of("~."));
        Set<String> seen = new HashSet<>();
        // A search domain under a route goes on the route's link: here it would match that route's names
        // as well as the link's domain does, and resolved would ask the pinned resolvers for them too.
        want.searchDomains().stream().filter(d -> want.routeFor(d).isEmpty())
                .filter(d -> seen.add(d.toLowerCase(Locale.ROOT))).forEach(domains::add);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("DNS", String.join(" ", servers));
        keys.put("Domains", String.join(" ", domains));
        if (want.fallback() == Fallback.DENY) {
            keys.put("FallbackDNS", "");
        }
        if (dot) {
            keys.put("DNSOverTLS", "yes");
        }
        keys.put("LLMNR", "no");
        keys.put("MulticastDNS", "no");
        return keys;
    }

    /**
     * The keys a drop-in sets in its [Resolve] section: the last assignment of a key wins, but a
     * list key's assignments add up, as in resolved, an empty one clearing what came before.
     */
    static Map<String, String> parseResolveKeys(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean inResolve = false;
        for (String line : ResolvConf.lines(text)) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
                continue;
            }
            if (s.startsWith("[")) {
                inResolve = s.toLowerCase(Locale.ROOT).equals("[resolve]");
            } else if (inResolve && s.contains("=")) {
                int eq = s.indexOf('=');
                String key = s.substring(0, eq).strip();
                String value = s.substring(eq + 1).strip();
                String before = out.get(key);
                boolean adds = LISTS.contains(key) && before != null && !before.isEmpty() && !value.isEmpty();
                out.put(key, adds ? before + " " + value : value);
            }
        }
        return out;
    }

    /**
     * Which of leakguard's keys a drop-in that is read after ours sets to something else, as
     * {@code "KEY=value"}. Drop-ins are read in file-name order, so a later one wins.
     */
    static List<String> overrides(Map<String, String> ours, String laterText) {
        List<String> out = new ArrayList<>();
        parseResolveKeys(laterText).forEach((k, v) -> {
            if (ours.containsKey(k) && !ours.get(k).equals(v)) {
                out.add(k + "=" + v);
            }
        });
        return out;
    }
}
