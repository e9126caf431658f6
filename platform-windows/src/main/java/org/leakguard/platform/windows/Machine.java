package org.leakguard.platform.windows;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** Facts about the running Windows session that no command prints reliably. */
public interface Machine {

    /** Whether this process's token is elevated (Run as administrator), which every change needs. */
    boolean elevated() throws IOException;

    /** When Windows last started: a registry write after it needs a reboot to count. */
    Instant bootedAt() throws IOException;

    /** This process's {@code SystemRoot} environment variable, when set. */
    Optional<String> systemRoot();
}
