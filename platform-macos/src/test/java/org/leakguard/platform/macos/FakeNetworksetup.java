package org.leakguard.platform.macos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.ScriptedCommands;

/**
 * networksetup as a stateful fake on {@link ScriptedCommands}: what is set is what the next get
 * prints, in networksetup's own wording. Only argv registered here answers; anything else fails
 * the test, so every command a control runs is one the test expected.
 */
final class FakeNetworksetup {
    final ScriptedCommands commands;
    final Map<String, Boolean> enabled = new LinkedHashMap<>();
    final Map<String, List<String>> dns = new LinkedHashMap<>();
    final Map<String, List<String>> search = new LinkedHashMap<>();
    final Map<String, Ipv6Setting> ipv6 = new LinkedHashMap<>();
    final List<Map<String, Object>> vpns = new ArrayList<>();
    /** Every set command in the order it ran, with the /etc/resolver files configd had at that moment. */
    final List<String> sets = new ArrayList<>();
    Path root;

    FakeNetworksetup(ScriptedCommands commands) {
        this.commands = commands;
        commands.on(NetworkService.LIST, c -> ok(listing()));
    }

    FakeNetworksetup service(String name, boolean on, List<String> servers, Ipv6Setting v6) {
        enabled.put(name, on);
        dns.put(name, List.copyOf(servers));
        search.put(name, List.of());
        ipv6.put(name, v6);
        if (!on) {
            return this;
        }
        commands.on(ServiceSetting.DNS_SERVERS.read(name), c -> ok(print("DNS Servers", name, dns.get(name))));
        commands.on(ServiceSetting.SEARCH_DOMAINS.read(name), c -> ok(print("Search Domains", name, search.get(name))));
        commands.on(Ipv6Setting.read(name), c -> ok(getinfo(ipv6.get(name))));
        accept(ServiceSetting.DNS_SERVERS, name, servers);
        accept(ServiceSetting.DNS_SERVERS, name, List.of());
        accept(ServiceSetting.SEARCH_DOMAINS, name, List.of());
        commands.on(Ipv6Setting.off(name), c -> set6(name, new Ipv6Setting(Ipv6Mode.OFF, null, null, null)));
        commands.on(List.of("networksetup", "-setv6automatic", name), c -> set6(name, new Ipv6Setting(Ipv6Mode.AUTOMATIC, null, null, null)));
        commands.on(List.of("networksetup", "-setv6LinkLocal", name), c -> set6(name, new Ipv6Setting(Ipv6Mode.LINK_LOCAL, null, null, null)));
        if (v6.mode() == Ipv6Mode.MANUAL && v6.unrestorable().isEmpty()) {
            commands.on(v6.restore(name), c -> set6(name, v6));
        }
        return this;
    }

    /** The set command with these values is answered (and remembered) for the service. */
    FakeNetworksetup accept(ServiceSetting setting, String service, List<String> values) {
        Map<String, List<String>> state = setting == ServiceSetting.DNS_SERVERS ? dns : search;
        commands.on(setting.write(service, values), c -> {
            sets.add(service + " " + setting.name() + " " + values + " while /etc/resolver held "
                    + new java.util.TreeSet<>(resolverFiles().keySet()));
            state.put(service, List.copyOf(values));
            return ok("");
        });
        return this;
    }

    /** Every enabled service accepts these values for the setting. */
    FakeNetworksetup acceptEverywhere(ServiceSetting setting, List<String> values) {
        enabled.forEach((name, on) -> {
            if (on) {
                accept(setting, name, values);
            }
        });
        return this;
    }

    /** What a service without manual servers gets from DHCP. */
    static final String DHCP_SERVER = "198.51.100.1";

    /**
     * {@code scutil --dns} answers from the services' state, as configd derives it: the first
     * enabled service is primary and gives the default resolver, every enabled service a scoped
     * resolver, on en0, en1, ... in listed order; a VPN's DNS dictionary adds its supplemental
     * resolvers. Built and printed by {@link FakeConfigd}.
     */
    FakeNetworksetup scutilFollows() {
        commands.on(ScutilDns.COMMAND, c -> ok(scutil()));
        return this;
    }

    /** As {@link #scutilFollows()}, and the files in /etc/resolver under {@code root} are read as configd reads them. */
    FakeNetworksetup scutilFollows(Path root) {
        this.root = root;
        return scutilFollows();
    }

    /**
     * A VPN service's DNS as {@code scutil} shows {@code State:/Network/Service/ID/DNS} (see
     * {@code captured/scutil-show-service-dns--forticlient-supplemental-match-all.txt}): a
     * supplemental resolver per SupplementalMatchDomains entry (an empty one matches every name),
     * and a scoped one when it names its InterfaceName.
     */
    FakeNetworksetup vpn(String dictionary) {
        vpns.add(ScutilDictionary.parse(dictionary));
        return this;
    }

    String scutil() {
        List<String> on = enabled.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        List<FakeConfigd.Entry> resolvers = new ArrayList<>();
        List<FakeConfigd.Entry> scoped = new ArrayList<>();
        boolean matchAll = false;
        for (int v = 0; v < vpns.size(); v++) {
            Map<String, Object> dict = vpns.get(v);
            List<String> servers = ScutilDictionary.strings(dict, "ServerAddresses");
            List<String> domains = ScutilDictionary.strings(dict, "SupplementalMatchDomains");
            List<String> orders = ScutilDictionary.strings(dict, "SupplementalMatchOrders");
            String ifName = (String) dict.get("InterfaceName");
            for (int i = 0; i < domains.size(); i++) {
                long order = orders.size() == domains.size() ? Long.parseLong(orders.get(i)) : 100000 + 200L * v + i;
                matchAll |= domains.get(i).isEmpty();
                resolvers.add(new FakeConfigd.Entry(domains.get(i).isEmpty() ? null : domains.get(i), servers, null, null,
                        null, ifName, 20 + v, "Supplemental, " + FakeConfigd.FLAGS, FakeConfigd.TUNNEL, order));
            }
            if (ifName != null) {
                scoped.add(new FakeConfigd.Entry(null, servers, null, null, null, ifName, 20 + v,
                        "Scoped, " + FakeConfigd.FLAGS, FakeConfigd.TUNNEL, 0));
            }
        }
        if (!on.isEmpty()) {
            resolvers.add(FakeConfigd.service(servers(on.get(0)), "en0", 12, FakeConfigd.FLAGS, FakeConfigd.REACHABLE,
                    matchAll ? 200000 : 0));
        }
        List<FakeConfigd.Entry> services = new ArrayList<>();
        for (int i = 0; i < on.size(); i++) {
            services.add(FakeConfigd.service(servers(on.get(i)), "en" + i, 12 + i, "Scoped, " + FakeConfigd.FLAGS,
                    FakeConfigd.REACHABLE, 0));
        }
        services.addAll(scoped);
        return FakeConfigd.scutil(resolvers, resolverFiles(), services);
    }

    /** readdir order on APFS is no sorted order: reverse name order here, so no test leans on one. */
    private Map<String, String> resolverFiles() {
        Map<String, String> out = new LinkedHashMap<>();
        Path dir = root == null ? null : root.resolve("etc/resolver");
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (var names = Files.list(dir)) {
            for (Path p : names.sorted(Comparator.reverseOrder()).toList()) {
                out.put(p.getFileName().toString(), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private List<String> servers(String service) {
        return dns.get(service).isEmpty() ? List.of(DHCP_SERVER) : dns.get(service);
    }

    private CommandResult set6(String name, Ipv6Setting s) {
        ipv6.put(name, s);
        return ok("");
    }

    private String listing() {
        StringBuilder out = new StringBuilder("An asterisk (*) denotes that a network service is disabled.\n");
        enabled.forEach((name, on) -> out.append(on ? "" : "*").append(name).append('\n'));
        return out.toString();
    }

    private static String print(String what, String service, List<String> values) {
        return values.isEmpty() ? "There aren't any " + what + " set on " + service + ".\n" : String.join("\n", values) + "\n";
    }

    /** networksetup -getinfo's layout (see getinfo-*.txt in the test resources). */
    static String getinfo(Ipv6Setting s) {
        String mode = switch (s.mode()) {
            case AUTOMATIC -> "Automatic";
            case MANUAL -> "Manual";
            case LINK_LOCAL -> "Link-local only";
            case OFF -> "Off";
            case UNKNOWN -> "6to4";
            case NONE -> null;
        };
        List<String> lines = new ArrayList<>(List.of("DHCP Configuration", "IP address: 192.0.2.10", "Subnet mask: 255.255.255.0",
                "Router: 192.0.2.1", "Client ID: "));
        if (mode == null) {
            return String.join("\n", lines) + "\n";
        }
        lines.add("IPv6: " + mode);
        if (s.mode() == Ipv6Mode.MANUAL) {
            lines.add("IPv6 IP address: " + s.address());
            lines.add("IPv6 Prefix Length: " + (s.prefixLength() == null ? "" : s.prefixLength()));
            lines.add("IPv6 Router: " + (s.router() == null ? "none" : s.router()));
        } else {
            lines.add("IPv6 IP address: none");
            lines.add("IPv6 Router: none");
        }
        lines.add("Wi-Fi ID: 00:00:5e:00:53:01");
        return String.join("\n", lines) + "\n";
    }

    static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "");
    }
}
