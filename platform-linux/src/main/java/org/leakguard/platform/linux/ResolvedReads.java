package org.leakguard.platform.linux;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.Host;

/** Reads systemd-resolved's drop-in folders through {@link Files}, and the running daemon's settings over D-Bus. */
final class ResolvedReads {
    /** Readings of the global list around the links' before its servers count as unknown. */
    private static final int SETTLE_ATTEMPTS = 3;

    private ResolvedReads() {}

    /**
     * @param owned whether resolved owns /etc/resolv.conf
     * @param wanted the drop-in the policy asks for, or null when it pins no server: the running
     *     daemon is asked only where resolved owns the file and the drop-in in place is this one,
     *     since only then does what it holds change the plan (a first apply writes the file whatever
     *     the daemon answers)
     */
    static ResolvedState read(Host host, boolean owned, String wanted) throws IOException {
        Files files = host.files();
        String dropIn = files.readString(ResolvedDropIn.PATH).orElse(null);
        ResolvedRuntime runtime;
        if (!owned) {
            runtime = new ResolvedRuntime.Unread("systemd-resolved does not own " + ResolvConf.PATH);
        } else if (wanted == null || !wanted.equals(dropIn)) {
            runtime = new ResolvedRuntime.Unread("not needed: " + ResolvedDropIn.PATH + " is not the policy's yet");
        } else {
            runtime = runtime(host);
        }
        // The inode's change time: a drop-in copied into place with its old times (cp -p) was still written now.
        Instant written = dropIn == null ? null : files.changed(ResolvedDropIn.PATH).orElse(null);
        return new ResolvedState(dropIn, written, later(files), runtime);
    }

    /**
     * The running daemon's global settings. Only a daemon whose name is on the bus is asked, so the
     * read never starts one; a name that answers and then fails to (resolved restarting) leaves the file to judge.
     */
    static ResolvedRuntime runtime(Host host) throws IOException {
        if (host.offline()) {
            return new ResolvedRuntime.Unread("an offline image (--root) has no running systemd-resolved");
        }
        CommandResult owner;
        try {
            owner = host.commands().run(new Command(ResolvedBus.HAS_OWNER, null, null));
        } catch (IOException e) {
            return new ResolvedRuntime.Unread(ResolvedMessages.noBus(e.getMessage()));
        }
        if (!owner.ok()) {
            return new ResolvedRuntime.Unread(ResolvedMessages.noBus(owner.stderr().strip()));
        }
        if (!ResolvedBus.parseHasOwner(owner.stdout())) {
            return new ResolvedRuntime.Stopped();
        }
        CommandResult read = host.commands().run(new Command(ResolvedBus.READ_GLOBAL, null, null));
        if (!read.ok()) {
            // Its name was there a moment ago: it is stopping or restarting, so what it holds is not known.
            return new ResolvedRuntime.Unread(ResolvedMessages.noAnswer(read.stderr().strip()));
        }
        String out = read.stdout();
        if (!ResolvedBus.listsLoopback(out)) {
            return new ResolvedRuntime.Running(ResolvedBus.parseGlobal(out, List.of()), started(host).orElse(null));
        }
        // Its links' localhost servers are listed under lo too, and are taken off by reading every
        // link; only a reading the global list did not change across is used, as NetworkManager may
        // be setting a link's servers in between.
        for (int attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
            List<String> links = linkServers(host);
            CommandResult again = host.commands().run(new Command(ResolvedBus.READ_GLOBAL, null, null));
            if (!again.ok()) {
                return new ResolvedRuntime.Unread(ResolvedMessages.noAnswer(again.stderr().strip()));
            }
            if (again.stdout().equals(out)) {
                return new ResolvedRuntime.Running(ResolvedBus.parseGlobal(out, links), started(host).orElse(null));
            }
            out = again.stdout();
        }
        return new ResolvedRuntime.Unread(ResolvedMessages.unsettled(SETTLE_ATTEMPTS));
    }

    /**
     * Every link's own servers, asked of each link the kernel has but lo. A link that cannot be
     * read (gone, or not known to resolved yet) adds none, so its localhost servers would count as
     * global ones: a difference reported, never one hidden.
     */
    private static List<String> linkServers(Host host) {
        Set<Integer> indexes;
        try {
            CommandResult links = host.commands().run(new Command(LinkChoice.LINKS, null, null));
            indexes = links.ok() ? LinkChoice.parseLinks(links.stdout()).keySet() : Set.of();
        } catch (IOException e) {
            return List.of(); // no ip, or output it does not write: no link is known
        }
        List<String> out = new ArrayList<>();
        for (int index : indexes) {
            if (index != ResolvedBus.LOOPBACK) {
                try {
                    CommandResult r = host.commands().run(new Command(ResolvedBus.readLinkServers(index), null, null));
                    if (r.ok()) {
                        out.addAll(ResolvedBus.parseLinkServers(r.stdout()));
                    }
                } catch (IOException e) {
                    // This link adds none.
                }
            }
        }
        return out;
    }

    /** When the process holding resolved's name started; empty where that cannot be read (then it is not used). */
    private static Optional<Instant> started(Host host) {
        try {
            CommandResult pid = host.commands().run(new Command(ResolvedBus.PID, null, null));
            if (!pid.ok()) {
                return Optional.empty();
            }
            Files files = host.files();
            Optional<String> stat = files.readString(ProcessStart.statPath(ResolvedBus.parsePid(pid.stdout())));
            Instant now = host.clock().instant();
            Optional<String> uptime = files.readString(ProcessStart.UPTIME);
            Optional<String> boot = files.readString(ProcessStart.STAT);
            return stat.isEmpty() || uptime.isEmpty() || boot.isEmpty() ? Optional.empty()
                    : ProcessStart.parse(stat.get(), uptime.get(), boot.get(), now);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Drop-ins whose name sorts after leakguard's. For one name the first folder in
     * {@link ResolvedDropIn#DIRS} wins, as in systemd.
     */
    private static List<ResolvedDropInFile> later(Files files) throws IOException {
        TreeMap<String, String> byName = new TreeMap<>();
        for (String dir : ResolvedDropIn.DIRS) {
            for (String name : files.list(dir)) {
                if (name.endsWith(".conf") && name.compareTo(ResolvedDropIn.NAME) > 0) {
                    byName.putIfAbsent(name, dir + "/" + name);
                }
            }
        }
        List<ResolvedDropInFile> out = new ArrayList<>();
        for (String path : byName.values()) {
            out.add(new ResolvedDropInFile(path, files.readString(path).orElse("")));
        }
        return out;
    }
}
