package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.ScriptedCommands;

class PlatformUuidTest {
    @TempDir
    Path tmp;

    /** The shape ioreg prints: one device node, its properties indented under it (values made up). */
    static final String IOREG = """
            +-o J314sAP  <class IOPlatformExpertDevice, id 0x100000202, registered, matched, active, busy 0 (195 ms), retain 37>
                {
                  "IOPlatformSerialNumber" = "C02XXXXXXXXX"
                  "IOPlatformUUID" = "3F2504E0-4F89-11D3-9A0C-0305E82C3301"
                  "model" = <"MacBookPro18,3">
                }
            """;

    @Test
    void theUuidIsReadLowerCased() {
        assertThat(PlatformUuid.parse(IOREG)).contains("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    }

    @Test
    void noUuidIsEmpty() {
        assertThat(PlatformUuid.parse("+-o Root  <class IORegistryEntry>\n")).isEmpty();
        assertThat(PlatformUuid.parse("\"IOPlatformUUID\" = \"not-a-uuid\"")).isEmpty();
    }

    @Test
    void thePlatformRunsIoregAndFallsBackToEmpty() {
        ScriptedCommands ioreg = new ScriptedCommands().ok(IOREG, PlatformUuid.ARGV.toArray(String[]::new));
        assertThat(new MacPlatform().machineId(MacHosts.online(tmp, ioreg))).contains("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        assertThat(ioreg.argvs()).containsExactly(List.of("ioreg", "-rd1", "-c", "IOPlatformExpertDevice"));

        ScriptedCommands failing = new ScriptedCommands().fail(1, "no such class", PlatformUuid.ARGV.toArray(String[]::new));
        assertThat(new MacPlatform().machineId(MacHosts.online(tmp, failing))).isEmpty();
    }

}
