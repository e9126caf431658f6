package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.Host;

/** Reads systemd-resolved's drop-in folders through {@link Files}, and the running daemon's settings over D-Bus. */
final class ResolvedReads {
    private ResolvedReads() {}

    /** @param owned whether resolved owns /etc/resolv.conf: only then is the running daemon asked */
    static ResolvedState read(Host host, boolean owned) throws IOException {
        Files files = host.files();
        ResolvedRuntime runtime = owned ? runtime(host) : new ResolvedRuntime.Unread("systemd-resolved does not own "
                + ResolvConf.PATH);
        return new ResolvedState(files.readString(ResolvedDropIn.PATH).orElse(null), later(files), runtime);
    }

    /**
     * The running daemon's global settings. Only a daemon whose name is on the bus is asked, so the
     * read never starts one; a name that answers and then fails to is an error (the check is unknown).
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
        return new ResolvedRuntime.Running(ResolvedBus.parseGlobal(SplitDnsReads.run(host, ResolvedBus.READ_GLOBAL)));
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
