package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.host.ScriptedCommands;

/**
 * A Windows host in memory: the registry, the session facts, the adapters, and scripted answers
 * for every PowerShell script and netsh command the controls run, which change this state the
 * way the real cmdlets would. The scripts are matched by their exact argv, so a test that passes
 * also proves which argv would have run.
 */
final class FakeWindows {
    static final HostInfo WINDOWS = new HostInfo("test", "Windows 11", "10.0");
    /** Where the fake's registry says Windows lives, as a stock install spells it. */
    static final String POWERSHELL = "C:\\WINDOWS\\" + SystemPrograms.POWERSHELL;
    static final String NETSH = "C:\\WINDOWS\\" + SystemPrograms.NETSH;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);

    final InMemoryRegistry registry = new InMemoryRegistry(CLOCK).put(SystemPrograms.CURRENT_VERSION, "SystemRoot", RegValue.sz("C:\\WINDOWS"));
    final FakeMachine machine = new FakeMachine();
    final List<Adapter> adapters = new ArrayList<>();
    final ScriptedCommands commands = new ScriptedCommands();
    ArrayNode nrpt = PowerShell.JSON.createArrayNode();
    /** NRPT rules of other owners (a VPN client, DirectAccess), as Get-DnsClientNrptRule lists them. */
    final List<Map<String, String>> otherNrpt = new ArrayList<>();
    ArrayNode firewall = PowerShell.JSON.createArrayNode();
    final Map<String, Boolean> bindings = new LinkedHashMap<>();
    final List<DohEntry> doh = new ArrayList<>();
    /** Windows Firewall profiles by name, on (true) or off. */
    final Map<String, Boolean> profiles = new LinkedHashMap<>(Map.of("Domain", true, "Private", true, "Public", true));
    /** Per profile, AllowLocalFirewallRules as the active store prints it (True, False, NotConfigured). */
    final Map<String, String> localRules = new LinkedHashMap<>();
    /** The Hyper-V firewall (Windows 11 22H2+) and its rules; the VMs Get-VM lists; whether WSL's VM runs. */
    boolean hyperVFirewall;
    ArrayNode hyperV = PowerShell.JSON.createArrayNode();
    final List<String> vms = new ArrayList<>();
    boolean wslRunning;
    /** GUIDs of adapters Get-NetAdapter does not list (RAS, PPP, some VPNs), though GetAdaptersAddresses does. */
    final java.util.Set<String> unlisted = new java.util.HashSet<>();
    /** How many rule changes ran: a compliant host sees none. */
    int firewallWrites;
    /** False: a build without the DoH client, where netsh does not know the command. */
    boolean dohClient = true;
    /** False: a build without the DoT client, where netsh does not know dothost=. */
    boolean dotClient = true;

    FakeWindows() {
        on(Scripts.NET_ADAPTERS, in -> {
            ArrayNode out = PowerShell.JSON.createArrayNode();
            adapters.stream().filter(a -> !unlisted.contains(a.guid())).forEach(a -> out.add(a.guid()));
            return out.isEmpty() ? "" : out.toString();
        });
        on(Scripts.DNS_SET, in -> {
            String guid = listedGuid(in);
            resetDns(guid);
            setDns(guid, PsJson.strings(in.path("state").path("servers")));
            return "";
        });
        on(Scripts.DNS_RESTORE, in -> {
            String guid = listedGuid(in);
            resetDns(guid);
            List<String> old = new ArrayList<>(PsJson.strings(in.path("state").path("ipv4")));
            old.addAll(PsJson.strings(in.path("state").path("ipv6")));
            setDns(guid, old);
            return "";
        });
        on(Scripts.NRPT_READ, in -> {
            // Get-DnsClientNrptRule | Where-Object DisplayName -eq $in.subject.name: other owners' rules never show.
            ArrayNode out = nrpt.deepCopy();
            otherNrpt.stream().filter(r -> r.getOrDefault("DisplayName", "").equals(in.path("subject").path("name").asText()))
                    .forEach(r -> out.addObject().set("namespace", PowerShell.JSON.valueToTree(PsList.items(r.get("Namespace")))));
            return out.isEmpty() ? "" : out.toString();
        });
        on(Scripts.NRPT_REPLACE, in -> {
            nrpt = PowerShell.JSON.createArrayNode().addAll(PsJson.items(in.get("state")));
            return "";
        });
        on(Scripts.NRPT_REMOVE, in -> {
            nrpt = PowerShell.JSON.createArrayNode();
            return "";
        });
        on(Scripts.FIREWALL_READ, in -> {
            // Get-NetFirewallRule ... | Sort-Object Name: by name, whatever order the rules were made in.
            List<JsonNode> sorted = new ArrayList<>(PsJson.items(firewall));
            sorted.sort(java.util.Comparator.comparing(r -> r.path("name").asText(), String.CASE_INSENSITIVE_ORDER));
            return sorted.isEmpty() ? "" : PowerShell.JSON.createArrayNode().addAll(sorted).toString();
        });
        on(Scripts.FIREWALL_RULE_READ, in -> {
            int i = firewallRule(in);
            return i < 0 ? "" : PowerShell.JSON.createArrayNode().add(firewall.get(i).deepCopy()).toString();
        });
        on(Scripts.FIREWALL_RULE_REPLACE, in -> {
            int i = firewallRule(in);
            List<JsonNode> state = PsJson.items(in.get("state"));
            if (state.isEmpty()) {
                if (i >= 0) {
                    firewall.remove(i);
                }
            } else if (i >= 0) {
                firewall.set(i, state.get(0).deepCopy()); // Set-NetFirewallRule: the rule changes where it is
            } else {
                firewall.add(state.get(0).deepCopy()); // New-NetFirewallRule
            }
            firewallWrites++;
            return "";
        });
        on(Scripts.FIREWALL_RULE_REMOVE, in -> {
            int i = firewallRule(in);
            if (i >= 0) {
                firewall.remove(i);
            }
            return "";
        });
        on(Scripts.HYPERV_STATE, in -> {
            ObjectNode out = PowerShell.JSON.createObjectNode().put("hyperVFirewall", hyperVFirewall);
            ArrayNode creators = out.putArray("creators");
            if (hyperVFirewall) {
                creators.addObject().put("id", HyperVRules.WSL).put("name", "WSL");
            }
            ArrayNode list = out.putArray("vms");
            vms.forEach(v -> list.addObject().put("name", v).put("state", "Running"));
            return out.put("wslRunning", wslRunning).toString();
        });
        on(Scripts.HYPERV_READ, in -> {
            List<JsonNode> ours = new ArrayList<>(PsJson.items(hyperV).stream()
                    .filter(r -> r.path("name").asText().startsWith(in.path("subject").path("prefix").asText())).toList());
            ours.sort(java.util.Comparator.comparing(r -> r.path("name").asText(), String.CASE_INSENSITIVE_ORDER));
            return ours.isEmpty() ? "" : PowerShell.JSON.createArrayNode().addAll(ours).toString();
        });
        on(Scripts.HYPERV_RULE_READ, in -> {
            int i = find(hyperV, in);
            return i < 0 ? "" : PowerShell.JSON.createArrayNode().add(hyperV.get(i).deepCopy()).toString();
        });
        on(Scripts.HYPERV_RULE_REPLACE, in -> {
            if (!hyperVFirewall) {
                throw new Thrown("The term 'Get-NetFirewallHyperVRule' is not recognized as the name of a cmdlet");
            }
            int i = find(hyperV, in);
            List<JsonNode> state = PsJson.items(in.get("state"));
            if (state.isEmpty() && i >= 0) {
                hyperV.remove(i);
            } else if (i >= 0) {
                hyperV.set(i, state.get(0).deepCopy());
            } else if (!state.isEmpty()) {
                hyperV.add(state.get(0).deepCopy());
            }
            return "";
        });
        on(Scripts.HYPERV_RULE_REMOVE, in -> {
            int i = find(hyperV, in);
            if (i >= 0) {
                hyperV.remove(i);
            }
            return "";
        });
        on(Scripts.FIREWALL_PROFILES, in -> {
            ArrayNode out = PowerShell.JSON.createArrayNode();
            profiles.forEach((name, on) -> out.addObject().put("name", name).put("enabled", on ? "True" : "False")
                    .put("allowLocalFirewallRules", localRules.getOrDefault(name, "NotConfigured")));
            return out.toString();
        });
        on(Scripts.BINDINGS, in -> {
            ArrayNode out = PowerShell.JSON.createArrayNode();
            adapters.stream().filter(a -> !unlisted.contains(a.guid())).forEach(a -> out.addObject().put("guid", a.guid()).put("alias", a.alias())
                    .put("enabled", bindings.getOrDefault(a.guid(), true)));
            return out.toString();
        });
        on(Scripts.BINDING_READ, in -> "{\"enabled\":" + bindings.getOrDefault(in.path("subject").path("guid").asText(), true) + "}");
        on(Scripts.BINDING_REPLACE, in -> {
            bindings.put(in.path("subject").path("guid").asText(), in.path("state").path("enabled").asBoolean());
            return "";
        });
        on(Scripts.DOH_LIST, in -> {
            ObjectNode out = PowerShell.JSON.createObjectNode().put("client", dohClient);
            if (dohClient) {
                ArrayNode servers = out.putArray("servers");
                doh.forEach(e -> servers.addAll(e.render()));
            }
            return out.toString();
        });
        on(Scripts.DOH_READ, in -> {
            ArrayNode out = PowerShell.JSON.createArrayNode();
            dohEntry(in).ifPresent(e -> out.addAll(e.render()));
            return out.isEmpty() ? "" : out.toString();
        });
        on(Scripts.DOH_REPLACE, in -> {
            DohEntry e = DohEntry.parse(in.get("state")).get(0);
            // Set- where the server is listed, Add- where not: either way the list then holds this entry.
            dohEntry(in).ifPresentOrElse(old -> doh.set(doh.indexOf(old), e), () -> doh.add(e));
            return "";
        });
        on(Scripts.DOH_REMOVE, in -> {
            dohEntry(in).ifPresent(doh::remove);
            return "";
        });
    }

    /** The position of the rule named in {@code $in.subject.name}, or -1. */
    private int firewallRule(JsonNode in) {
        return find(firewall, in);
    }

    private static int find(ArrayNode rules, JsonNode in) {
        String name = in.path("subject").path("name").asText();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).path("name").asText().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private java.util.Optional<DohEntry> dohEntry(JsonNode in) {
        return DohEntry.find(doh, Ip.text(Ip.parse(in.path("subject").path("server").asText())));
    }

    /** A scripted answer that reads the JSON on stdin, as the script's {@code $in}. */
    interface Script {
        String answer(JsonNode in) throws IOException;
    }

    /** What a script's {@code throw} does: exit 1, the error record on stderr. */
    static final class Thrown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Thrown(String message) {
            super(message);
        }
    }

    private void on(String script, Script s) {
        commands.on(PowerShell.argv(POWERSHELL, script), (Command c) -> {
            JsonNode in = PowerShell.JSON.readTree(c.input());
            try {
                return new CommandResult(0, s.answer(in), "");
            } catch (Thrown e) {
                return new CommandResult(1, "", e.getMessage() + "\r\nAt line:1 char:1\r\n+ CategoryInfo          : OperationStopped: ("
                        + e.getMessage() + ":String) [], RuntimeException\r\n+ FullyQualifiedErrorId : " + e.getMessage() + "\r\n");
            }
        });
    }

    /**
     * netsh's DoT commands for one server, changing the registry as the DNS client's
     * WriteDotSettingsRegistry and DotDeleteServerRegistry do (DotFlags, a QWORD, is left out). On a
     * build without DoT netsh exits 1 and changes nothing; its message is not read.
     */
    FakeWindows netshDot(String server, String host) {
        List<String> add = DotPlan.encryptionArgv(NETSH, Ip.parse(server), host);
        commands.on(add, c -> {
            if (!dotClient || !registry.keyExists(Keys.DOH_SERVERS)) {
                return new CommandResult(1, "The following command was not found: " + String.join(" ", add.subList(1, add.size()))
                        + ".\r\n", "");
            }
            registry.set(DotEntry.key(server), DotEntry.HOST, RegValue.sz(host));
            registry.set(DotEntry.key(server), DotEntry.PORT, RegValue.dword(853));
            return new CommandResult(0, "\r\n", "");
        });
        commands.on(List.of(NETSH, "dnsclient", "delete", "encryption", "server=" + server, "protocol=dot"), c -> {
            registry.delete(DotEntry.key(server), DotEntry.HOST);
            registry.delete(DotEntry.key(server), DotEntry.PORT);
            return new CommandResult(0, "\r\n", "");
        });
        return this;
    }

    /** The adapter a script finds by GUID through Get-NetAdapter, which throws for one it does not list. */
    private String listedGuid(JsonNode in) {
        String guid = in.path("subject").path("guid").asText();
        if (unlisted.contains(guid) || adapters.stream().noneMatch(a -> a.guid().equals(guid))) {
            throw new Thrown("no single adapter with GUID " + guid);
        }
        return guid;
    }

    FakeWindows adapter(Adapter a) {
        adapters.add(a);
        registry.key(NameServers.v4Key(a.guid())).key(NameServers.v6Key(a.guid()));
        return this;
    }

    private void resetDns(String guid) {
        registry.delete(NameServers.v4Key(guid), NameServers.VALUE);
        registry.delete(NameServers.v6Key(guid), NameServers.VALUE);
    }

    private void setDns(String guid, List<String> servers) {
        List<String> v4 = servers.stream().filter(s -> !s.contains(":")).toList();
        List<String> v6 = servers.stream().filter(s -> s.contains(":")).toList();
        if (!v4.isEmpty()) {
            registry.set(NameServers.v4Key(guid), NameServers.VALUE, RegValue.sz(String.join(",", v4)));
        }
        if (!v6.isEmpty()) {
            registry.set(NameServers.v6Key(guid), NameServers.VALUE, RegValue.sz(String.join(",", v6)));
        }
    }

    Host host() {
        Host h = new Host(WINDOWS, new LocalFiles(Path.of(System.getProperty("java.io.tmpdir"), "leakguard-windows-no-files")),
                commands, false, CLOCK);
        return h.with(Registry.class, registry).with(Machine.class, machine).with(Adapters.class, () -> List.copyOf(adapters));
    }

    /**
     * Every command run so far: a PowerShell run as the name of its script constant (after checking
     * that the whole argv is exactly {@link PowerShell#argv} of that script), anything else as its argv.
     */
    List<String> ran() {
        List<String> out = new ArrayList<>();
        for (List<String> argv : commands.argvs()) {
            out.add(argv.get(0).equals(POWERSHELL) ? scriptName(argv) : String.join(" ", argv));
        }
        return out;
    }

    private static String scriptName(List<String> argv) {
        try {
            for (java.lang.reflect.Field f : Scripts.class.getDeclaredFields()) {
                if (f.getType() == String.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    if (PowerShell.argv(POWERSHELL, (String) f.get(null)).equals(argv)) {
                        return "powershell " + f.getName();
                    }
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("a PowerShell argv that is no script of Scripts: " + argv);
    }
}
