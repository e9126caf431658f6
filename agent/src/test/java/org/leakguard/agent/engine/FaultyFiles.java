package org.leakguard.agent.engine;

import java.io.IOException;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.ForwardingFiles;

/** Real files, except writing one path fails (an I/O error) or stops the run dead (a kill). */
final class FaultyFiles extends ForwardingFiles {
    private final String failing;
    private final boolean kill;

    FaultyFiles(Files real, String failing, boolean kill) {
        super(real);
        this.failing = failing;
        this.kill = kill;
    }

    /** Stands for the process being killed: nothing in the engine catches it. */
    static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    @Override
    public void write(String path, byte[] content, Integer mode) throws IOException {
        if (path.equals(failing)) {
            if (kill) {
                throw new Killed();
            }
            throw new IOException("disk full");
        }
        super.write(path, content, mode);
    }
}
