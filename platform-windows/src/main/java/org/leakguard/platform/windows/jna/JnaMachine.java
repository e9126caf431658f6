package org.leakguard.platform.windows.jna;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.leakguard.platform.windows.Machine;

/** Token elevation (TokenElevation through Advapi32Util) and the boot time (GetTickCount64). */
public final class JnaMachine implements Machine {

    @Override
    public boolean elevated() throws IOException {
        try {
            return Advapi32Util.isCurrentProcessElevated();
        } catch (Win32Exception e) {
            throw new IOException("cannot read this process's token elevation: " + e.getMessage(), e);
        }
    }

    @Override
    public Instant bootedAt() {
        return Instant.now().minus(Duration.ofMillis(Kernel32.INSTANCE.GetTickCount64()));
    }

    @Override
    public Optional<String> systemRoot() {
        return Optional.ofNullable(System.getenv("SystemRoot"));
    }
}
