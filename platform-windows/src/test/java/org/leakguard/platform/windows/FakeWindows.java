package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
    /** GUIDs of adapters Get-NetAdapter does not list (RAS, PPP, some VPNs), though GetAdaptersAddresses does. */
    final java.util.Set<String> unlisted = new java.util.HashSet<>();
    /** Per adapter GUID, whether IPv6 is bound (absent: bound). */
    final Map<String, Boolean> bindings = new LinkedHashMap<>();
    final FakeNrpt nrpt = new FakeNrpt(this);
    final FakeFirewall fw = new FakeFirewall(this);
    final FakeHyperV hv = new FakeHyperV(this);
    final FakeDoh doh = new FakeDoh(this);

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

    void on(String script, Script s) {
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
