package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.leakguard.agent.host.Files;

/** Reads systemd-resolved's drop-in folders through {@link Files}. */
final class ResolvedReads {
    private ResolvedReads() {}

    static ResolvedState read(Files files) throws IOException {
        return new ResolvedState(files.readString(ResolvedDropIn.PATH).orElse(null), later(files));
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
