package org.leakguard.platform.linux;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.DockerDns;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * {@code containers.dockerDns: pin}: dockerd hands new containers the pinned resolvers
 * ({@code dns} in daemon.json, every other key kept) instead of copies of the host's resolv.conf
 * or, when that lists only loopback stubs, public fallbacks (REFERENCE 4.6). Container traffic
 * crosses the forward hook, where the firewall control's forward chain blocks other resolvers.
 * dockerd reads {@code dns} only at start, and restarting it stops running containers, so the
 * restart is left to the admin with a warning rather than done here.
 */
final class DockerDnsControl implements Control<DockerState> {
    static final String DAEMON_JSON = "/etc/docker/daemon.json";
    static final List<String> EVIDENCE = List.of("/usr/bin/dockerd", "/usr/sbin/dockerd", "/usr/local/bin/dockerd",
            "/etc/docker");
    static final List<String> PID_FILES = List.of("/run/docker.pid", "/var/run/docker.pid");

    @Override
    public String id() {
        return "containers";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.containers() != null && spec.containers().dockerDns() == DockerDns.PIN;
    }

    @Override
    public DockerState observe(Spec spec, Host host) throws IOException {
        Files f = host.files();
        List<String> evidence = EVIDENCE.stream().filter(f::exists).toList();
        String daemon = f.readString(DAEMON_JSON).orElse(null);
        if (host.offline()) {
            return new DockerState(evidence, daemon, true, List.of(), 0);
        }
        for (String pidFile : PID_FILES) {
            Optional<Long> pid = f.readString(pidFile).flatMap(DockerDnsControl::parsePid);
            if (pid.isPresent()) {
                List<String> argv = f.read("/proc/" + pid.get() + "/cmdline").map(DockerDaemonJson::parseCmdline)
                        .orElse(List.of());
                if (!argv.isEmpty() && argv.get(0).endsWith("dockerd")) {
                    return new DockerState(evidence, daemon, false, argv, pid.get());
                }
            }
        }
        return new DockerState(evidence, daemon, false, List.of(), 0);
    }

    static Optional<Long> parsePid(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public Assessment plan(Spec spec, DockerState seen) {
        List<String> servers = spec.resolvers() == null ? List.of()
                : spec.resolvers().servers().stream().map(Addresses::text).toList();
        if (servers.isEmpty()) {
            return new Assessment(Status.NON_COMPLIANT, List.of(), List.of(Finding.error("containers.dockerDns: pin"
                    + " needs resolvers.servers, the resolvers containers are given; list them in the policy")));
        }
        if (!seen.installed()) {
            return Assessment.of(List.of(), List.of(Finding.info("Docker is not installed (no dockerd, no /etc/docker):"
                    + " there is no container DNS to pin")));
        }
        List<Finding> findings = new ArrayList<>();
        warnings(spec, findings);
        List<String> flags = DockerDaemonJson.dnsFlags(seen.dockerd());
        return flags.isEmpty() ? planFile(servers, seen, findings) : byFlags(servers, flags, findings);
    }

    /** Merges {@code dns} into daemon.json; a file dockerd could not read either is left alone. */
    private static Assessment planFile(List<String> servers, DockerState seen, List<Finding> findings) {
        ObjectNode daemon;
        try {
            daemon = DockerDaemonJson.parse(seen.daemonJson());
        } catch (BrowserJson.Invalid e) {
            findings.add(Finding.error(DAEMON_JSON + " " + e.getMessage() + "; leakguard does not rewrite it,"
                    + " and dockerd cannot start with it either: fix it, then apply again"));
            return new Assessment(Status.NON_COMPLIANT, List.of(), findings);
        }
        if (DockerDaemonJson.dns(daemon).equals(Optional.of(servers))) {
            findings.add(Finding.info(DAEMON_JSON + " gives containers dns " + servers));
            return Assessment.of(List.of(), findings);
        }
        findings.add(restartHint(seen, daemon));
        return Assessment.of(List.of(WriteFile.text(DAEMON_JSON, DockerDaemonJson.withDns(daemon, servers),
                seen.daemonJson() == null ? Integer.valueOf(0644) : null,
                "containers get dns " + servers + "; every other dockerd setting is kept")), findings);
    }

    /**
     * dockerd refuses to start when a setting is both a flag and in daemon.json, so with {@code
     * --dns} flags the file is left alone and the flags are judged instead.
     */
    private static Assessment byFlags(List<String> servers, List<String> flags, List<Finding> findings) {
        if (flags.equals(servers)) {
            findings.add(Finding.info("dockerd runs with --dns " + flags + " on its command line, the pinned servers"));
            return Assessment.of(List.of(), findings);
        }
        findings.add(Finding.error("dockerd runs with --dns " + flags + " on its command line, not the pinned "
                + servers + "; leakguard cannot add dns to " + DAEMON_JSON + " because dockerd refuses to start"
                + " when a setting is both a flag and in the file: remove the --dns flags (systemctl edit docker),"
                + " then apply again"));
        return new Assessment(Status.NON_COMPLIANT, List.of(), findings);
    }

    private static Finding restartHint(DockerState seen, ObjectNode daemon) {
        if (seen.offline()) {
            return Finding.info("offline image: dockerd reads dns from " + DAEMON_JSON + " when the image boots");
        }
        if (!seen.running()) {
            return Finding.info("dockerd reads dns from " + DAEMON_JSON + " when it next starts");
        }
        String containers = DockerDaemonJson.liveRestore(daemon)
                ? "live-restore is on, so running containers survive the restart"
                : "leakguard does not restart it because that stops every running container (live-restore is off)";
        return Finding.warning("dockerd (pid " + seen.pid() + ") reads dns only when it starts: run `systemctl"
                + " restart docker` to apply it; " + containers + "; containers keep their old DNS until re-created");
    }

    private static void warnings(Spec spec, List<Finding> findings) {
        if (spec.firewall() == null || spec.firewall().plainDns() != PortRule.BLOCK_OTHERS) {
            findings.add(Finding.warning("containers.dockerDns: pin sets the resolvers Docker hands out, but a"
                    + " container can still ask any resolver itself: set firewall.plainDns: block-others so the"
                    + " forward chain drops those queries"));
        }
        List<String> loopback = spec.resolvers().servers().stream().filter(InetAddress::isLoopbackAddress)
                .map(Addresses::text).toList();
        if (!loopback.isEmpty()) {
            findings.add(Finding.warning("resolvers.servers lists loopback " + loopback + ", which inside a"
                    + " container is the container itself; Docker drops such servers and may fall back to public"
                    + " resolvers: pin an address containers can reach"));
        }
    }
}
