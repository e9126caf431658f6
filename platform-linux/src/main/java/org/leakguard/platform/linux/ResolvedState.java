package org.leakguard.platform.linux;

import java.util.List;

/**
 * What was read about systemd-resolved's configuration.
 *
 * @param dropIn leakguard's drop-in, or null when absent
 * @param laterDropIns drop-ins read after leakguard's (their file name sorts later), in reading order
 * @param runtime the global settings of the running daemon, or why they were not read
 */
record ResolvedState(String dropIn, List<ResolvedDropInFile> laterDropIns, ResolvedRuntime runtime) {

    ResolvedState {
        laterDropIns = List.copyOf(laterDropIns);
    }
}
