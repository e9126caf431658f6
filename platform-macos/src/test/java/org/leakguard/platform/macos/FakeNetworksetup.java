package org.leakguard.platform.macos;

import java.util.ArrayList;
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
     * enabled service is primary and gives default resolver #1, every enabled service a scoped
     * resolver, on en0, en1, ... in listed order. Layout as in {@code scutil-dns--none.txt}.
     */
    FakeNetworksetup scutilFollows() {
        commands.on(ScutilDns.COMMAND, c -> ok(scutil()));
        return this;
    }

    String scutil() {
        List<String> on = enabled.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        StringBuilder out = new StringBuilder("DNS configuration\n\n");
        if (!on.isEmpty()) {
            resolver(out, 1, on.get(0), 0, "Request A records, Request AAAA records");
        }
        out.append("resolver #2\n  domain   : local\n  options  : mdns\n  timeout  : 5\n"
                + "  flags    : Request A records, Request AAAA records\n  reach    : 0x00000000 (Not Reachable)\n"
                + "  order    : 300000\n\nDNS configuration (for scoped queries)\n\n");
        for (int i = 0; i < on.size(); i++) {
            resolver(out, i + 1, on.get(i), i, "Scoped, Request A records, Request AAAA records");
        }
        return out.toString();
    }

    private void resolver(StringBuilder out, int number, String service, int index, String flags) {
        List<String> servers = dns.get(service).isEmpty() ? List.of(DHCP_SERVER) : dns.get(service);
        out.append("resolver #").append(number).append('\n');
        for (int i = 0; i < servers.size(); i++) {
            out.append("  nameserver[").append(i).append("] : ").append(servers.get(i)).append('\n');
        }
        out.append("  if_index : ").append(12 + index).append(" (en").append(index).append(")\n  flags    : ").append(flags)
                .append("\n  reach    : 0x00000002 (Reachable)\n\n");
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
