package org.leakguard.platform.linux;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leakguard.agent.json.Trees;
import org.leakguard.agent.spi.EventFeed;

/**
 * systemd-resolved's D-Bus API as commands: the Manager's {@code DNSEx} and {@code Domains}
 * properties (every link's servers and domains, with link 0 for the global ones) and the global
 * settings the running daemon uses read through busctl, whether it runs asked of the bus itself,
 * and a link's lists set through resolvectl, which calls SetLinkDNSEx and SetLinkDomains.
 * Pure: the commands and their output only.
 */
final class ResolvedBus {
    /** The global settings (resolved.conf and its drop-ins) are link 0 in the Manager's lists. */
    static final int GLOBAL = 0;
    /**
     * resolved lists every localhost server (127.0.0.1, ::1) under the loopback link's index: a
     * global one, and any link's own as well (a link cannot have servers of its own on lo itself).
     */
    static final int LOOPBACK = 1;
    static final List<String> READ = List.of("busctl", "--json=short", "get-property", "org.freedesktop.resolve1",
            "/org/freedesktop/resolve1", "org.freedesktop.resolve1.Manager", "DNSEx", "Domains");
    /** Every call to resolved, printed as it is made: SetLinkDNS, SetLinkDNSEx, SetLinkDomains, SetLinkDefaultRoute... */
    static final EventFeed MONITOR = new EventFeed(List.of("busctl", "monitor", "org.freedesktop.resolve1"),
            "Member=SetLinkD", "systemd-resolved's per-link settings");
    /** Whether resolved's name is on the system bus; asking the bus itself never starts (activates) the daemon. */
    static final List<String> HAS_OWNER = List.of("busctl", "--json=short", "call", "org.freedesktop.DBus",
            "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner", "s", "org.freedesktop.resolve1");
    /** The process id of whoever holds resolved's name on the bus: when it started tells whether it read the drop-in. */
    static final List<String> PID = List.of("busctl", "--json=short", "call", "org.freedesktop.DBus",
            "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetConnectionUnixProcessID", "s", "org.freedesktop.resolve1");
    /** The global settings the running daemon uses, one JSON line each, in this order. */
    static final List<String> READ_GLOBAL = List.of("busctl", "--json=short", "get-property", "org.freedesktop.resolve1",
            "/org/freedesktop/resolve1", "org.freedesktop.resolve1.Manager", "DNSEx", "FallbackDNSEx", "Domains", "DNSOverTLS",
            "LLMNR", "MulticastDNS");
    private static final JsonFactory JSON = new JsonFactory();

    private ResolvedBus() {}

    /** {@code resolvectl dns LINK ...}; an empty list is an empty word, which resolvectl takes as "none". */
    static List<String> setServers(String link, List<String> servers) {
        return argv("dns", link, servers);
    }

    /** {@code resolvectl domain LINK ...}, as {@link #setServers}. */
    static List<String> setDomains(String link, List<String> domains) {
        return argv("domain", link, domains);
    }

    /**
     * Where resolved keeps what was set for a link over D-Bus, one file per link index, so its own
     * restart does not lose it; a link with none has no file and takes its settings from
     * systemd-networkd, or has none.
     */
    static final String NETIF = "/run/systemd/resolve/netif/";

    /** {@code resolvectl revert LINK}: drops everything set for the link over D-Bus. */
    static List<String> revert(String link) {
        return List.of("resolvectl", "revert", link);
    }

    /** {@code resolvectl dnsovertls LINK MODE}; an empty mode drops the link's own, so the global one applies. */
    static List<String> setTls(String link, String mode) {
        return List.of("resolvectl", "dnsovertls", link, mode);
    }

    /** The global DNS-over-TLS mode (resolved.conf's {@code DNSOverTLS=}). */
    static List<String> readTls() {
        return readString("/org/freedesktop/resolve1", "org.freedesktop.resolve1.Manager", "DNSOverTLS");
    }

    /** A link's DNS-over-TLS mode in effect: its own, else the global one. */
    static List<String> readTls(int ifindex) {
        return readString(linkPath(ifindex), "org.freedesktop.resolve1.Link", "DNSOverTLS");
    }

    /** A link's own servers, {@code a(iayqs)}: only these tell a link's localhost server from a global one. */
    static List<String> readLinkServers(int ifindex) {
        return readString(linkPath(ifindex), "org.freedesktop.resolve1.Link", "DNSEx");
    }

    /** sd-bus escapes a leading digit of an object path label as _3X: link 3 is .../link/_33, link 12 .../link/_312. */
    static String linkPath(int ifindex) {
        String digits = Integer.toString(ifindex);
        return "/org/freedesktop/resolve1/link/_3" + digits.charAt(0) + digits.substring(1);
    }

    private static List<String> readString(String path, String iface, String property) {
        return List.of("busctl", "--json=short", "get-property", "org.freedesktop.resolve1", path, iface, property);
    }

    /** busctl's JSON for one string property. */
    static String parseString(String out) throws IOException {
        JsonNode root = tree(out.strip());
        if (root == null || !"s".equals(root.path("type").asText()) || !root.path("data").isTextual()) {
            throw new IOException("not busctl's JSON for a string property: " + out.strip());
        }
        return root.get("data").asText();
    }

    private static List<String> argv(String verb, String link, List<String> values) {
        List<String> out = new ArrayList<>(List.of("resolvectl", verb, link));
        if (values.isEmpty()) {
            out.add("");
        } else {
            out.addAll(values);
        }
        return out;
    }

    /**
     * busctl's two JSON lines, {@code a(iiayqs)} then {@code a(isb)}, as each link's settings by
     * index; a link with neither servers nor domains is absent.
     */
    static Map<Integer, LinkDns> parse(String out) throws IOException {
        List<String> lines = lines(out, 2, "DNSEx, Domains");
        Map<Integer, List<String>> servers = servers(lines.get(0));
        Map<Integer, List<String>> domains = domains(lines.get(1));
        Set<Integer> indexes = new LinkedHashSet<>(servers.keySet());
        indexes.addAll(domains.keySet());
        Map<Integer, LinkDns> links = new LinkedHashMap<>();
        indexes.forEach(i -> links.put(i, new LinkDns(servers.getOrDefault(i, List.of()), domains.getOrDefault(i, List.of()))));
        return links;
    }

    /** As {@link #parseGlobal(String, List)} where no link has a localhost server of its own. */
    static ResolvedGlobal parseGlobal(String out) throws IOException {
        return parseGlobal(out, List.of());
    }

    /**
     * busctl's six lines for {@link #READ_GLOBAL}: the global (link 0) entries and modes.
     *
     * @param linkServers every link's own servers ({@link #parseLinkServers}): resolved lists the
     *     global servers first, so of the localhost entries under {@link #LOOPBACK} the last ones,
     *     as many as the links hold, are theirs and the others global
     */
    static ResolvedGlobal parseGlobal(String out, List<String> linkServers) throws IOException {
        List<String> lines = lines(out, 6, String.join(", ", READ_GLOBAL.subList(6, READ_GLOBAL.size())));
        return new ResolvedGlobal(globalServers(data(lines.get(0), "a(iiayqs)"), linkServers),
                servers(lines.get(1)).values().stream().flatMap(List::stream).toList(),
                domains(lines.get(2)).getOrDefault(GLOBAL, List.of()),
                parseString(lines.get(3)), parseString(lines.get(4)), parseString(lines.get(5)));
    }

    /** Whether a {@link #READ_GLOBAL} output lists a localhost server under {@link #LOOPBACK}, which may be a link's. */
    static boolean listsLoopback(String out) throws IOException {
        for (JsonNode s : data(lines(out, 6, String.join(", ", READ_GLOBAL.subList(6, READ_GLOBAL.size()))).get(0), "a(iiayqs)")) {
            if (onLoopback(s)) {
                return true;
            }
        }
        return false;
    }

    /** busctl's JSON for a Link's {@code DNSEx}, {@code a(iayqs)}, in resolvectl's words. */
    static List<String> parseLinkServers(String out) throws IOException {
        List<String> servers = new ArrayList<>();
        for (JsonNode s : data(out.strip(), "a(iayqs)")) {
            servers.add(server(address(s.path(1)), s.path(2).asInt(0), s.path(3).asText("")));
        }
        return servers;
    }

    /** The index-0 entries, and the localhost ones under {@link #LOOPBACK} beyond those {@code linkServers} account for. */
    private static List<String> globalServers(JsonNode entries, List<String> linkServers) throws IOException {
        Map<String, Integer> global = new LinkedHashMap<>();
        for (JsonNode s : entries) {
            if (onLoopback(s)) {
                global.merge(server(s), 1, Integer::sum);
            }
        }
        linkServers.forEach(s -> global.computeIfPresent(s, (k, n) -> n - 1));
        List<String> out = new ArrayList<>();
        for (JsonNode s : entries) {
            String server = server(s);
            if (s.path(0).asInt() == GLOBAL) {
                out.add(server);
            } else if (onLoopback(s) && global.getOrDefault(server, 0) > 0) {
                global.merge(server, -1, Integer::sum);
                out.add(server);
            }
        }
        return out;
    }

    /** A localhost server listed under {@link #LOOPBACK}: a global one or a link's. */
    private static boolean onLoopback(JsonNode s) throws IOException {
        return s.path(0).asInt() == LOOPBACK && address(s.path(2)).isLoopbackAddress();
    }

    /** busctl's JSON for NameHasOwner's answer. */
    static boolean parseHasOwner(String out) throws IOException {
        JsonNode root = tree(out.strip());
        if (root == null || !"b".equals(root.path("type").asText()) || !root.path("data").path(0).isBoolean()) {
            throw new IOException("not busctl's JSON for NameHasOwner's answer: " + out.strip());
        }
        return root.get("data").get(0).asBoolean();
    }

    /** busctl's JSON for GetConnectionUnixProcessID's answer. */
    static long parsePid(String out) throws IOException {
        JsonNode root = tree(out.strip());
        if (root == null || !"u".equals(root.path("type").asText()) || !root.path("data").path(0).canConvertToLong()) {
            throw new IOException("not busctl's JSON for GetConnectionUnixProcessID's answer: " + out.strip());
        }
        return root.get("data").get(0).asLong();
    }

    private static List<String> lines(String out, int count, String what) throws IOException {
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() != count) {
            throw new IOException("busctl printed " + lines.size() + " JSON lines, expected " + count + " (" + what + ")");
        }
        return lines;
    }

    /** An {@code a(iiayqs)} line as each index's servers, in order; a localhost server on lo is global. */
    private static Map<Integer, List<String>> servers(String line) throws IOException {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (JsonNode s : data(line, "a(iiayqs)")) {
            InetAddress a = address(s.path(2));
            int index = s.path(0).asInt();
            out.computeIfAbsent(index == LOOPBACK && a.isLoopbackAddress() ? GLOBAL : index, k -> new ArrayList<>())
                    .add(server(s));
        }
        return out;
    }

    /** An {@code a(isb)} line as each index's domains, a routing-only one with its {@code ~}. */
    private static Map<Integer, List<String>> domains(String line) throws IOException {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (JsonNode d : data(line, "a(isb)")) {
            String name = d.path(1).asText();
            out.computeIfAbsent(d.path(0).asInt(), k -> new ArrayList<>()).add(d.path(2).asBoolean() ? "~" + name : name);
        }
        return out;
    }

    private static JsonNode tree(String text) throws IOException {
        try (JsonParser p = JSON.createParser(text)) {
            return Trees.read(p);
        }
    }

    private static JsonNode data(String line, String type) throws IOException {
        JsonNode root = tree(line);
        if (root == null || !type.equals(root.path("type").asText()) || !root.path("data").isArray()) {
            throw new IOException("not busctl's JSON for " + type + ": " + line);
        }
        return root.get("data");
    }

    /** An address as busctl prints {@code ay}. */
    private static InetAddress address(JsonNode ay) throws IOException {
        byte[] bytes = new byte[ay.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ay.get(i).asInt();
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IOException("a DNS server of " + bytes.length + " bytes in busctl's output", e);
        }
    }

    /** One (ifindex, family, address, port, name) entry in resolvectl's words. */
    private static String server(JsonNode s) throws IOException {
        return server(address(s.path(2)), s.path(3).asInt(0), s.path(4).asText(""));
    }

    private static String server(InetAddress a, int port, String name) {
        String text = Addresses.text(a);
        if (port != 0) {
            text = Addresses.isV6(a) ? "[" + text + "]:" + port : text + ":" + port;
        }
        return name.isEmpty() ? text : text + "#" + name;
    }
}
