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
