package org.leakguard.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecCommandsTest {
    final ExecCommands commands = new ExecCommands();

    @Test
    void anArgumentWithShellSyntaxStaysOneArgument() throws IOException {
        CommandResult r = commands.run(Command.of("printf", "[%s]", "Wi-Fi; rm -rf / $(id) 'x' \"y\""));

        assertThat(r.ok()).isTrue();
        assertThat(r.stdout()).isEqualTo("[Wi-Fi; rm -rf / $(id) 'x' \"y\"]");
    }

    @Test
    void inputGoesToStandardInputAndExitCodesComeBack() throws IOException {
        assertThat(commands.run(Command.of("cat").withInput("table inet x {}\n")).stdout()).isEqualTo("table inet x {}\n");
        CommandResult failed = commands.run(Command.of("ls", "/no/such/path"));
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.stderr()).contains("/no/such/path");
    }

    @Test
    void aCommandThatHangsIsStoppedAtItsTimeout() {
        Command slow = new Command(List.of("sleep", "10"), null, Duration.ofMillis(300));
        long start = System.nanoTime();

        assertThatThrownBy(() -> commands.run(slow)).isInstanceOf(IOException.class).hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void systemFoldersAreSearchedWhenPathLacksThem() throws IOException {
        assertThat(ExecCommands.locate("sh")).startsWith("/");
        assertThat(ExecCommands.locate("/bin/sh")).isEqualTo("/bin/sh");
        assertThat(ExecCommands.locate("no-such-program-xyz")).isEqualTo("no-such-program-xyz");
    }

    /** A Windows PATH holds drive letters: split on ':' it names folders that do not exist, and a bare name is looked up anyway. */
    @Test
    void onWindowsABareNameIsRefusedAndAPathRunsAsGiven() throws IOException {
        String windowsPath = "C:\\Users\\me\\bin;C:\\WINDOWS\\system32;C:\\WINDOWS";

        assertThatThrownBy(() -> ExecCommands.locate("schtasks", windowsPath, ';', true)).isInstanceOf(IOException.class)
                .hasMessageContaining("bare name").hasMessageContaining("absolute path");
        assertThat(ExecCommands.locate("C:\\WINDOWS\\System32\\schtasks.exe", windowsPath, ';', true))
                .isEqualTo("C:\\WINDOWS\\System32\\schtasks.exe");
    }

    @Test
    void pathIsSplitOnTheSeparatorItIsGiven() throws IOException {
        assertThat(ExecCommands.locate("sh", "/no/such/dir;/bin", ';', false)).isEqualTo("/bin/sh");
        assertThat(ExecCommands.locate("sh", "/no/such/dir:/bin", ':', false)).isEqualTo("/bin/sh");
    }
}
