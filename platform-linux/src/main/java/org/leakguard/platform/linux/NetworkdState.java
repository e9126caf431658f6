package org.leakguard.platform.linux;

import java.util.List;
import java.util.Map;

/**
 * What systemd-networkd would bring DNS servers through: its .network files and leakguard's
 * drop-ins for them.
 *
 * @param networkFiles the names of the .network files in every folder networkd reads, sorted, once each
 * @param dropIns leakguard's drop-in text by .network file name, for those that have one
 * @param version systemd's version from {@code networkctl --version}, or 0 when unknown
 * @param running whether networkd runs (its state file is there and, where systemd runs, the unit
 *     is active), so {@code networkctl reload} can reach it
 */
record NetworkdState(List<String> networkFiles, Map<String, String> dropIns, int version, boolean running) {

    NetworkdState {
        networkFiles = List.copyOf(networkFiles);
        dropIns = Map.copyOf(dropIns);
    }

    static NetworkdState none() {
        return new NetworkdState(List.of(), Map.of(), 0, false);
    }
}
