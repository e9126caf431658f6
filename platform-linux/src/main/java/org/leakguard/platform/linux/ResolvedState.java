package org.leakguard.platform.linux;

import java.time.Instant;
import java.util.List;

/**
 * What was read about systemd-resolved's configuration.
 *
 * @param dropIn leakguard's drop-in, or null when absent
 * @param written when the drop-in was last written, or null when absent or not known
 * @param laterDropIns drop-ins read after leakguard's (their file name sorts later), in reading order
 * @param runtime the global settings of the running daemon, or why they were not read
 */
record ResolvedState(String dropIn, Instant written, List<ResolvedDropInFile> laterDropIns, ResolvedRuntime runtime) {

    ResolvedState {
        laterDropIns = List.copyOf(laterDropIns);
    }
}
