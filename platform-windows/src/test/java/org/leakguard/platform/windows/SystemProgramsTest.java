package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.SystemFolder;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.spi.ControlContract;

/** Windows programs are named by absolute path under the Windows folder, never looked up. */
class SystemProgramsTest {

    @Test
    void theRegistryNamesTheFolder() throws IOException {
        assertThat(SystemPrograms.windowsFolder(Optional.of("C:\\WINDOWS"), Optional.of("D:\\Other")))
                .isEqualTo("C:\\WINDOWS");
        assertThat(SystemPrograms.windowsFolder(Optional.of("C:\\Windows\\"), Optional.empty())).isEqualTo("C:\\Windows");
    }

    @Test
    void theEnvironmentIsTheFallback() throws IOException {
        assertThat(SystemPrograms.windowsFolder(Optional.empty(), Optional.of("D:\\Win"))).isEqualTo("D:\\Win");
    }

    @Test
    void withNeitherNothingIsGuessed() {
        assertThatThrownBy(() -> SystemPrograms.windowsFolder(Optional.empty(), Optional.empty()))
                .isInstanceOf(IOException.class).hasMessageContaining("SystemRoot is absent")
                .hasMessageContaining("environment variable is unset").hasMessageContaining("nothing was run");
    }

    /** A relative folder, a share, a variable, a PATH list or a climb out is no Windows folder. */
    @ParameterizedTest
    @ValueSource(strings = {"Windows", "\\Windows", "\\\\server\\share\\Windows", "%SystemDrive%\\Windows",
        "C:\\Windows;C:\\Users\\me", "C:\\Users\\me\\..\\..\\Windows", "C:Windows", ""})
    void aFolderThatIsNotLocalAndAbsoluteIsRefused(String bad) {
        assertThatThrownBy(() -> SystemPrograms.windowsFolder(Optional.of(bad), Optional.of(bad))).isInstanceOf(IOException.class);
    }

    @Test
    void everyCommandAControlRunsIsAbsoluteUnderSystem32() throws Exception {
        FakeWindows win = ResolversControlTest.laptop();

        ControlContract.holds(new ResolversControl(), Specs.spec(Specs.resolvers(Encryption.NONE, "203.0.113.53")), win.host());
        ControlContract.holds(new FirewallControl(), Specs.firewall("203.0.113.53"), win.host());

        assertThat(win.commands.calls()).isNotEmpty().extracting(c -> c.argv().get(0))
                .containsOnly("C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
    }

    @Test
    void aHostWithoutTheFolderRunsNothing() {
        FakeWindows win = new FakeWindows();
        win.registry.delete(SystemPrograms.CURRENT_VERSION, "SystemRoot");
        win.machine.systemRoot = Optional.empty();

        assertThatThrownBy(() -> new FirewallControl().observe(Specs.firewall("203.0.113.53"), win.host()))
                .hasMessageContaining("cannot find the Windows folder");
        assertThat(win.commands.calls()).extracting(Command::argv).isEmpty();
    }

    /** The core runs schtasks as SYSTEM: the platform names it under the registry's Windows folder, never by PATH. */
    @Test
    void theCoreGetsSystem32ProgramsFromTheRegistrysFolder() throws IOException {
        FakeWindows win = new FakeWindows();
        win.registry.put(SystemPrograms.CURRENT_VERSION, "SystemRoot", RegValue.sz("D:\\Win"));
        win.machine.systemRoot = Optional.of("C:\\Planted");

        SystemFolder folder = new WindowsPlatform().attach(win.host()).port(SystemFolder.class).orElseThrow();

        assertThat(folder.program("schtasks.exe")).isEqualTo("D:\\Win\\System32\\schtasks.exe");
        win.registry.delete(SystemPrograms.CURRENT_VERSION, "SystemRoot");
        assertThat(folder.program("schtasks.exe")).isEqualTo("C:\\Planted\\System32\\schtasks.exe");
        win.machine.systemRoot = Optional.empty();
        assertThatThrownBy(() -> folder.program("schtasks.exe")).hasMessageContaining("cannot find the Windows folder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"schtasks", "..\\schtasks.exe", "C:\\x\\schtasks.exe", "sch*.exe", "a/b.exe", ""})
    void onlyAPlainProgramFileNameIsLookedUp(String bad) {
        SystemFolder folder = new WindowsPlatform().attach(new FakeWindows().host()).port(SystemFolder.class).orElseThrow();

        assertThatThrownBy(() -> folder.program(bad)).isInstanceOf(IOException.class).hasMessageContaining("not a program file name");
    }
}
