package org.leakguard.platform.windows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.SystemFolder;
import org.leakguard.agent.policy.DockerDns;
import org.leakguard.agent.report.EventLog;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Platform;
import org.leakguard.agent.spi.UnsupportedControl;
import org.leakguard.platform.windows.jna.JnaAdapters;
import org.leakguard.platform.windows.jna.JnaMachine;
import org.leakguard.platform.windows.jna.JnaRegistry;

/**
 * Windows: adapters' DNS servers and NRPT, DoH, smart multi-homed and local name resolution,
 * IPv6, Windows Firewall and browser policies. Reads need no elevation; every change checks for
 * it before its first step (see {@link Ports#requireElevated}).
 */
public final class WindowsPlatform implements Platform {
    static final String MACHINE_GUID_KEY = "HKLM\\SOFTWARE\\Microsoft\\Cryptography";

    @Override
    public String id() {
        return "windows";
    }

    @Override
    public Optional<String> unavailabilityCause(HostInfo host) {
        return host.isWindows()
                ? Optional.empty()
                : Optional.of("the host is not Windows (os.name is \"" + host.osName() + "\")");
    }

    @Override
    public List<Control<?>> controls() {
        return List.of(
                new ResolversControl(),
                new DohControl(),
                new SmartNameResolutionControl(),
                new LocalNameResolutionControl(),
                new Ipv6Control(),
                new FirewallControl(),
                new BrowsersControl(),
                new UnsupportedControl("containers", s -> s.containers() != null && s.containers().dockerDns() == DockerDns.PIN,
                        "containers.dockerDns: pin is not enforced on Windows in this version (Docker Desktop keeps its"
                        + " daemon.json inside its own VM); the firewall rules still apply to traffic leaving this host"));
    }

    /** The JNA ports, unless a test attached its own, and where System32 is for the core (schtasks). */
    @Override
    public Host attach(Host host) {
        Host h = host;
        if (h.port(Registry.class).isEmpty()) {
            h = h.with(Registry.class, new JnaRegistry());
        }
        if (h.port(Machine.class).isEmpty()) {
            h = h.with(Machine.class, new JnaMachine());
        }
        if (h.port(Adapters.class).isEmpty()) {
            h = h.with(Adapters.class, new JnaAdapters());
        }
        return h.port(SystemFolder.class).isPresent() ? h : h.with(SystemFolder.class, SystemPrograms.folder(h));
    }

    /** Unelevated, every change would be refused: say so before the first one. */
    @Override
    public Optional<String> cannotChange(Host host) {
        try {
            Ports.requireElevated(host);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** MachineGuid, which Windows sets at install; without it the host joins a rollout only at 100%. */
    @Override
    public Optional<String> machineId(Host host) {
        try {
            return Ports.registry(host).value(MACHINE_GUID_KEY, "MachineGuid")
                    .filter(v -> v.type() == RegType.SZ)
                    .map(v -> v.string().strip().toLowerCase(java.util.Locale.ROOT))
                    .filter(id -> !id.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String labelsFile() {
        String programData = System.getenv("ProgramData");
        return (programData == null || programData.isBlank() ? "C:\\ProgramData" : programData) + "\\leakguard\\labels.yaml";
    }

    /** The Windows Event Log, source "leakguard", with the same ids as the syslog lines. */
    @Override
    public EventLog eventLog(Host host) {
        return new WindowsEventLog();
    }

    @Override
    public List<Class<?>> journalTypes() {
        return List.of(RegistryWrite.class, RegistryImage.class, AdapterDns.class, AdapterDnsImage.class,
                ScriptState.class, ScriptImage.class, DotServer.class, DotImage.class);
    }

    /** The DNS servers in effect on every adapter that is up, static or from DHCP. */
    @Override
    public List<InetAddress> resolversInUse(Host host) {
        try {
            return Ports.adapters(host).list().stream().filter(Adapter::carriesDns)
                    .flatMap(a -> a.dnsServers().stream()).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the adapters' DNS servers", e);
        }
    }

    @Override
    public List<Diagnosis> diagnose(Host host) {
        return WindowsDiagnosis.run(host);
    }
}
