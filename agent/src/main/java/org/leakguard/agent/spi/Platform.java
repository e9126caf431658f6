package org.leakguard.agent.spi;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.report.EventLog;
import org.leakguard.agent.report.SyslogEventLog;

/**
 * One operating system's controls, found with {@link java.util.ServiceLoader}. The core never
 * names an OS class.
 */
public interface Platform {

    /** A short id: {@code linux}, {@code windows}, {@code macos}. */
    String id();

    /** Why this platform cannot serve the host, or empty when it can. {@code diagnose} shows it. */
    Optional<String> unavailabilityCause(HostInfo host);

    /** The controls, in the order their changes are applied. */
    List<Control<?>> controls();

    /**
     * The resolvers the host uses now. Before apply they are recorded, and after it the probes
     * require them to be unreachable (unless the policy pins them).
     */
    default List<InetAddress> resolversInUse(Host host) {
        return List.of();
    }

    /** Programs whose output tells {@code agent watch} of a drift that gives no file event; none by default. */
    default List<EventFeed> eventFeeds(Host host) {
        return List.of();
    }

    /** Read-only explanations for {@code agent diagnose}: where DNS goes on this host and why. */
    default List<Diagnosis> diagnose(Host host) {
        return List.of();
    }

    /**
     * The platform's own {@link org.leakguard.agent.change.PlatformChange} and
     * {@link org.leakguard.agent.change.PlatformImage} classes, registered with the journal so that
     * recovery and rollback can read them back.
     */
    default List<Class<?>> journalTypes() {
        return List.of();
    }

    /**
     * The host with this platform's own ports attached (a registry, a system configuration store),
     * for its controls and changes to find with {@link Host#port}. Called once per run.
     */
    default Host attach(Host host) {
        return host;
    }

    /**
     * Why this process may not change the host at all (Windows: its token is not elevated), asked
     * before an apply's first change, so the run ends as an error instead of a rollback; empty
     * when it may.
     */
    default Optional<String> cannotChange(Host host) {
        return Optional.empty();
    }

    /**
     * Why this host cannot take this policy at all, asked like {@link #cannotChange}: a key it
     * cannot enforce without breaking something the policy relies on (Linux: routes by domain
     * without a local stub to route them), so nothing is changed; empty when it can.
     */
    default Optional<String> cannotApply(Spec spec, Host host) {
        return Optional.empty();
    }

    /**
     * This machine's stable id, which places it in a policy's {@code rollout} bucket: Linux's
     * /etc/machine-id, Windows' MachineGuid, macOS's IOPlatformUUID. Empty when there is none;
     * such a host joins a rollout only at 100%.
     */
    default Optional<String> machineId(Host host) {
        return Optional.empty();
    }

    /**
     * The captive-portal window ({@code agent portal}), or empty where the host cannot open one
     * in a way that closes by itself.
     */
    default Optional<PortalWindow> portalWindow() {
        return Optional.empty();
    }

    /** Where this host's labels are, for a policy's {@code appliesTo.labels}: a flat YAML mapping of text to text. */
    default String labelsFile() {
        return "/etc/leakguard/labels.yaml";
    }

    /** Where one line per run goes with {@code --syslog}: syslog through {@code logger}; Windows has its Event Log. */
    default EventLog eventLog(Host host) {
        return new SyslogEventLog(host.commands());
    }

    /**
     * The settings file that carries what the policy asks of this OS and only an admin or a
     * device-management server may install (an Apple configuration profile), for
     * {@code agent profile export}; empty when the platform has none or the policy asks for
     * nothing it carries. Pure: it may run on a build host of another OS.
     */
    default Optional<Profile> profile(Spec spec) {
        return Optional.empty();
    }
}
