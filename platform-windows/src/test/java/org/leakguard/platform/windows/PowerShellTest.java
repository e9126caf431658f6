package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.spi.ControlContract;

/** Values reach PowerShell as data on stdin, never as script text. */
class PowerShellTest {
    private static final String EVIL = "Wi-Fi'; Remove-Item C:\\ -Recurse #";

    @Test
    void anAliasThatLooksLikeCodeStaysData() throws Exception {
        FakeWindows win = new FakeWindows();
        win.adapter(new Adapter("{00000000-0000-4000-8000-0000000000e1}", EVIL, "", 7, 71, true, List.of(), List.of()));
        win.adapter(new Adapter("{00000000-0000-4000-8000-0000000000e2}", "WLAN \u00e9t\u00e9 \"quoted\" $env:PATH `n", "", 8, 71, true,
                List.of(), List.of()));

        ControlContract.holds(new ResolversControl(), Specs.spec(Specs.resolvers(Encryption.NONE, "203.0.113.53")), win.host());

        for (Command c : win.commands.calls()) {
            assertThat(String.join(" ", c.argv())).doesNotContain("Remove-Item").doesNotContain("Wi-Fi").doesNotContain("WLAN");
            if (c.argv().get(0).equals(FakeWindows.POWERSHELL)) {
                assertThat(c.argv()).hasSize(5).startsWith("C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                        "-NoProfile", "-NonInteractive", "-Command");
                assertThat(c.input()).as("stdin is plain ASCII JSON").matches("\\p{ASCII}*");
            }
        }
        // Every script addresses the adapter by GUID; the alias only appears in the plan for people.
        assertThat(win.commands.calls()).extracting(Command::input).noneMatch(in -> in != null && in.contains("Remove-Item"));
    }

    @Test
    void nonAsciiDataIsEscapedSoNoCodePageCanGarbleIt() throws Exception {
        var data = PowerShell.JSON.createObjectNode().put("alias", "\u00e9t\u00e9 \u4e2d");
        Command c = PowerShell.command(FakeWindows.POWERSHELL, Scripts.NRPT_READ, data);

        assertThat(c.input()).isEqualTo("{\"alias\":\"\\u00E9t\\u00E9 \\u4E2D\"}");
        assertThat(PowerShell.JSON.readTree(c.input())).isEqualTo(data);
    }

    /** The script constants are fixed text: none is built from a value at run time. */
    @Test
    void everyScriptReadsItsValuesFromIn() throws Exception {
        List<String> scripts = new ArrayList<>();
        for (Field f : Scripts.class.getDeclaredFields()) {
            if (f.getType() == String.class && Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())) {
                f.setAccessible(true);
                scripts.add((String) f.get(null));
            }
        }
        assertThat(scripts).hasSizeGreaterThan(10).allSatisfy(s -> assertThat(s).doesNotContain("leakguard-"));
        assertThat(PowerShell.PRELUDE).contains("[Console]::In.ReadToEnd() | ConvertFrom-Json", "$ErrorActionPreference = 'Stop'");
    }

    @Test
    void emptyOutputIsAbsentAndABomIsSkipped() throws Exception {
        assertThat(PowerShell.parse("  \r\n").isMissingNode()).isTrue();
        assertThat(PowerShell.parse("\uFEFF[{\"a\":1}]").get(0).get("a").asInt()).isEqualTo(1);
        assertThat(PsJson.strings(PowerShell.parse("\"203.0.113.53\""))).containsExactly("203.0.113.53");
    }
}
