package org.leakguard.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.ExecCommands;

/**
 * Runs an unpacked resolvconf (openresolv's or Debian's shell scripts, unmodified) as if it were
 * installed: each run gets fresh private mount, network and PID namespaces in which the package's
 * sbin and lib are overlaid on the system's, {@code root}/etc on /etc (writes to a scratch upper
 * layer, except resolv.conf, which is bound to {@code root}/etc/resolv.conf) and {@code root}/run
 * is /run, and {@code root}/etc/resolvconf, where the test put one, hides the machine's own hooks.
 * Nothing it writes or restarts can reach the host.
 */
final class ResolvconfSandbox {
    private final Path unpacked;
    private final Path root;
    private final Path scratch;

    ResolvconfSandbox(Path unpacked, Path root, Path scratch) {
        this.unpacked = unpacked;
        this.root = root;
        this.scratch = scratch;
    }

    /** Whether this kernel offers overlayfs, which the sandbox needs. */
    static boolean overlaySupported() {
        try {
            return Files.readString(Path.of("/proc/filesystems")).contains("overlay");
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code resolvconf ARGS} with {@code input} on stdin, like a DHCP client hook runs it. */
    CommandResult run(String input, String... args) throws IOException {
        Files.createDirectories(scratch.resolve("up"));
        Files.createDirectories(scratch.resolve("work"));
        Files.createDirectories(root.resolve("run"));
        List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--net", "--pid", "--fork", "--mount-proc",
                "--propagation", "private", "sh", "-c", script(), "resolvconf"));
        argv.addAll(List.of(args));
        return new ExecCommands().run(new Command(argv, input, null));
    }

    /** /sbin and /lib may be links into /usr (merged /usr): the overlay goes where the files are. */
    private String script() {
        Path etc = root.resolve("etc");
        return "set -e"
                + "; for d in sbin lib; do [ -d " + unpacked + "/$d ] || continue"
                + "; if [ -L /$d ]; then t=/usr/$d; else t=/$d; fi"
                + "; mount -t overlay overlay -o lowerdir=" + unpacked + "/$d:$t $t; done"
                + "; mount -t overlay overlay -o lowerdir=" + etc + ":/etc,upperdir=" + scratch.resolve("up")
                + ",workdir=" + scratch.resolve("work") + " /etc"
                // Only the package's own hooks: the machine's update.d (unbound's, dnsmasq's) is not the sandbox's.
                + "; if [ -d " + etc + "/resolvconf ]; then mount --bind " + etc + "/resolvconf /etc/resolvconf; fi"
                + "; if [ -f " + etc + "/resolv.conf ] && [ ! -L " + etc + "/resolv.conf ]; then mount --bind "
                + etc + "/resolv.conf /etc/resolv.conf; fi"
                + "; mount --bind " + root.resolve("run") + " /run"
                + "; exec /sbin/resolvconf \"$@\"";
    }
}
