package org.leakguard.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Several {@link Sandbox} clients, each with /usr and /var overlaid (so a package installs for
 * real) and its own sshd, with its own host key, on 192.0.2.101, .102, ...; and a controller
 * namespace (192.0.2.1) linked to every one, from which ansible-playbook reaches them as root
 * with a key made here. Nothing of it is on this machine's network.
 */
final class SshFleet implements AutoCloseable {
    static final String CONTROLLER = "192.0.2.1";

    final Path dir;
    final List<Sandbox> hosts = new ArrayList<>();
    final String controller;
    private final List<Process> sshds = new ArrayList<>();
    private boolean controllerAdded;

    private SshFleet() throws IOException {
        dir = Files.createTempDirectory("lg-fleet-");
        byte[] id = new byte[3];
        new SecureRandom().nextBytes(id);
        controller = "lgf" + HexFormat.of().formatHex(id);
    }

    static SshFleet of(int size) throws IOException {
        SshFleet fleet = new SshFleet();
        try {
            fleet.start(size);
            return fleet;
        } catch (IOException | RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    private void start(int size) throws IOException {
        Proc.ok(List.of("ip", "netns", "add", controller));
        controllerAdded = true;
        Proc.ok(List.of("ip", "-n", controller, "link", "set", "lo", "up"));
        Proc.ok(List.of("ip", "-n", controller, "addr", "add", CONTROLLER + "/32", "dev", "lo"));
        keygen(key());
        Files.writeString(dir.resolve("known_hosts"), "");
        for (int i = 0; i < size; i++) {
            Sandbox host = Sandbox.leakyClient(false);
            hosts.add(host);
            host.overlay("/usr", "/var");
            Sandbox.pointToPoint("s" + host.id, host.client, address(i), "f" + host.id, controller, CONTROLLER);
            startSshd(host, address(i));
        }
    }

    static String address(int i) {
        return "192.0.2." + (101 + i);
    }

    Path key() {
        return dir.resolve("id_ed25519");
    }

    private static void keygen(Path file) {
        Proc.ok(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "leakguard-e2e", "-f", file.toString()));
    }

    /** sshd in the host's namespaces, its own config and host key, the fleet's key authorized for root. */
    private void startSshd(Sandbox host, String address) throws IOException {
        Path hostKey = host.dir.resolve("ssh_host_ed25519_key");
        keygen(hostKey);
        Files.writeString(dir.resolve("known_hosts"),
                address + " " + Files.readString(hostKey.resolveSibling("ssh_host_ed25519_key.pub")), StandardOpenOption.APPEND);
        Path config = host.dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "ListenAddress " + address,
                "HostKey " + hostKey,
                "AuthorizedKeysFile " + key() + ".pub",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                // The key lives under /tmp, which is world-writable.
                "StrictModes no",
                "PidFile none",
                "Subsystem sftp internal-sftp",
                "LogLevel INFO", ""));
        // Privilege separation needs /run/sshd, and the host's /run is its own tmpfs.
        Proc.ok(host.clientArgv("mkdir", "-p", "-m", "0755", "/run/sshd"));
        ProcessBuilder pb = new ProcessBuilder(host.clientArgv("/usr/sbin/sshd", "-D", "-e", "-f", config.toString()));
        pb.redirectErrorStream(true);
        Process sshd = pb.start();
        sshds.add(sshd);
        awaitListening(sshd, host.dir.resolve("sshd.log"));
    }

    /** Reads sshd's log until it listens; the rest of the log goes to a file for failures. */
    private static void awaitListening(Process sshd, Path log) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(sshd.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            said.append(line).append('\n');
            if (line.startsWith("Server listening on")) {
                CompletableFuture.runAsync(() -> {
                    try (out) {
                        for (String l = out.readLine(); l != null; l = out.readLine()) {
                            Files.writeString(log, l + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                                    StandardOpenOption.APPEND);
                        }
                    } catch (IOException e) {
                        // sshd stopped.
                    }
                });
                return;
            }
        }
        throw new IllegalStateException("sshd did not start: " + said);
    }

    /** An inventory of the hosts, h1, h2, ... in group {@code leakguard}, reached as root with the fleet's key. */
    Path inventory() throws IOException {
        StringBuilder ini = new StringBuilder("[leakguard]\n");
        for (int i = 0; i < hosts.size(); i++) {
            ini.append("h").append(i + 1).append(" ansible_host=").append(address(i)).append('\n');
        }
        ini.append("\n[leakguard:vars]\n")
                .append("ansible_user=root\n")
                .append("ansible_become=false\n")
                .append("ansible_python_interpreter=/usr/bin/python3\n")
                // The hosts' /run is private: nothing Ansible leaves reaches this machine's /root.
                .append("ansible_remote_tmp=/run/ansible-tmp\n")
                .append("ansible_ssh_private_key_file=").append(key()).append('\n')
                .append("ansible_ssh_common_args=-o UserKnownHostsFile=").append(dir.resolve("known_hosts"))
                .append(" -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes -o ConnectTimeout=5\n");
        Path file = dir.resolve("inventory.ini");
        Files.writeString(file, ini);
        return file;
    }

    /** ansible-playbook on the controller, its own home and temp folders under this fleet's folder. */
    Run ansiblePlaybook(Path playbook, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + controller, "--", "ansible-playbook",
                "-i", inventory().toString(), playbook.toString()));
        argv.addAll(List.of(args));
        Path home = Files.createDirectories(dir.resolve("ansible"));
        return Proc.run(argv, Map.of(
                "ANSIBLE_HOME", home.toString(),
                "ANSIBLE_LOCAL_TEMP", home.resolve("tmp").toString(),
                "ANSIBLE_SSH_CONTROL_PATH_DIR", home.resolve("cp").toString(),
                "ANSIBLE_PIPELINING", "true",
                "ANSIBLE_NOCOLOR", "1",
                "ANSIBLE_RETRY_FILES_ENABLED", "false",
                "ANSIBLE_ROLES_PATH", playbook.resolveSibling("roles").toString()), 420);
    }

    @Override
    public void close() {
        for (Process sshd : sshds) {
            sshd.descendants().forEach(ProcessHandle::destroyForcibly);
            sshd.destroyForcibly();
            try {
                sshd.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Ansible's persistent ssh connections end with their sshd; any left die with the namespace's last link.
        for (Sandbox host : hosts) {
            host.close();
        }
        if (controllerAdded) {
            Proc.run(List.of("ip", "netns", "del", controller));
        }
        Proc.run(List.of("rm", "-rf", dir.toString()));
    }
}
