package org.leakguard.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.RunCommand;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.host.SystemFolder;

/** schtasks registers a task that runs as SYSTEM: it runs by the absolute path the platform names, never by PATH. */
class TaskSchedulerTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
    static final String SCHTASKS = "C:\\WINDOWS\\System32\\schtasks.exe";
    final ScriptedCommands commands = new ScriptedCommands();
    @TempDir
    Path dir;

    Host windows() {
        return new Host(new HostInfo("pc", "Windows 11", "10.0"), new LocalFiles(dir), commands, false, CLOCK);
    }

    static Schedule schedule() {
        return new Schedule("C:\\Program Files\\leakguard\\bin\\agent.bat", "C:\\ProgramData\\leakguard", TaskScheduler.POLICY,
                Duration.ofHours(1), Duration.ZERO, false, 10, 10, null);
    }

    @Test
    void registersAndRemovesTheTaskWithSchtasksUnderSystem32() throws IOException {
        Host host = windows().with(SystemFolder.class, name -> "C:\\WINDOWS\\System32\\" + name);
        Scheduler s = Schedulers.forHost(host, CLOCK).orElseThrow();

        List<Change> changes = s.install(schedule(), "x".getBytes());

        RunCommand register = (RunCommand) changes.get(changes.size() - 1);
        assertThat(register.argv()).first().isEqualTo(SCHTASKS);
        assertThat(register.undo()).first().isEqualTo(SCHTASKS);
        assertThat(s.unavailabilityCause(host)).isEmpty();
    }

    @Test
    void statusQueriesTheSameAbsoluteProgram() throws IOException {
        Host host = windows().with(SystemFolder.class, name -> "C:\\WINDOWS\\System32\\" + name);
        commands.ok(TaskXml.xml(schedule(), java.time.LocalDateTime.of(2026, 11, 23, 0, 0)), SCHTASKS, "/Query", "/TN", TaskXml.NAME, "/XML");

        SchedulerState state = Schedulers.forHost(host, CLOCK).orElseThrow().state(host);

        assertThat(state.active()).isEqualTo("enabled");
        assertThat(commands.calls()).extracting(c -> c.argv().get(0)).containsOnly(SCHTASKS);
    }

    /**
     * A German host: schtasks's list format says "Status: Deaktiviert" and "Letztes Ergebnis", and
     * no English label. The state comes from the task's XML, the same in every language; what only
     * the localized text tells (next run, last result) is unknown and says so, never guessed.
     */
    @Test
    void aGermanHostReadsTheTaskFromItsXmlNotFromLocalizedLabels() throws IOException {
        Host host = windows().with(SystemFolder.class, name -> "C:\\WINDOWS\\System32\\" + name);
        commands.ok("Hostname:                             PC\r\nAufgabenname:                         \\leakguard\\check\r\n"
                + "Nächste Laufzeit:                     N/V\r\nStatus:                               Deaktiviert\r\n"
                + "Letzte Laufzeit:                      23.11.2026 00:00:00\r\nLetztes Ergebnis:                     0\r\n",
                SCHTASKS, "/Query", "/TN", TaskXml.NAME, "/V", "/FO", "LIST");
        String disabled = TaskXml.xml(schedule(), java.time.LocalDateTime.of(2026, 11, 23, 0, 0))
                .replace("    <Enabled>true</Enabled>\n  </Settings>", "    <Enabled>false</Enabled>\n  </Settings>")
                .replace("leakguard scheduled compliance check", "leakguard: geplante Prüfung");
        commands.ok("\uFEFF" + disabled, SCHTASKS, "/Query", "/TN", TaskXml.NAME, "/XML");

        SchedulerState state = Schedulers.forHost(host, CLOCK).orElseThrow().state(host);

        assertThat(state.active()).isEqualTo("disabled");
        assertThat(state.lastResult()).isNull();
        assertThat(state.nextRun()).isNull();
        assertThat(state.note()).contains("runs C:\\Program Files\\leakguard\\bin\\agent.bat", "last result are unknown");
    }

    @Test
    void somethingThatIsNoTaskXmlIsUnknown() {
        assertThat(TaskQuery.parse("FEHLER: Das System kann die angegebene Datei nicht finden.").active()).isNull();
        assertThat(TaskQuery.parse("<Other/>").note()).contains("not a <Task>");
    }

    @Test
    void withoutTheFolderNothingIsRegisteredAndTheReasonIsGiven() {
        Host bare = windows();
        Scheduler s = Schedulers.forHost(bare, CLOCK).orElseThrow();

        assertThat(s.unavailabilityCause(bare)).get().asString().contains("absolute path");
        assertThatThrownBy(() -> s.install(schedule(), "x".getBytes())).isInstanceOf(IllegalStateException.class);
        assertThat(commands.calls()).isEmpty();
    }

    @Test
    void aFolderThatCannotBeFoundIsTheReason() {
        Host host = windows().with(SystemFolder.class, name -> {
            throw new IOException("cannot find the Windows folder: SystemRoot is absent");
        });

        assertThat(Schedulers.forHost(host, CLOCK).orElseThrow().unavailabilityCause(host)).get().asString()
                .contains("cannot find the Windows folder");
    }
}
