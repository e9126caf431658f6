package org.leakguard.agent.schedule;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** The Windows Task Scheduler definition of a schedule (task schema 1.2), as text. Pure: no I/O. */
final class TaskXml {
    static final String NAME = "\\leakguard\\check";
    /** Characters cmd.exe acts on even inside quotes when it runs agent.cmd; refused, never escaped. */
    private static final String CMD_SPECIAL = "\"%^&|<>!";

    private TaskXml() {}

    /**
     * Runs as SYSTEM (S-1-5-18) with the highest privileges, repeats every period from {@code start}
     * forever with a random delay, starts late when a run was missed, and never starts a second
     * instance while one runs.
     */
    static String xml(Schedule s, LocalDateTime start) {
        String limit = "PT" + (s.waitSeconds() + 600) + "S";
        return "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                + "<!-- Written by `agent schedule install`; `agent schedule remove` deletes it. -->\n"
                + "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\n"
                + "  <RegistrationInfo>\n"
                + "    <Description>leakguard scheduled compliance " + (s.remediate() ? "check and repair" : "check")
                + "</Description>\n"
                + "    <URI>" + Xml.escape(NAME) + "</URI>\n"
                + "  </RegistrationInfo>\n"
                + "  <Triggers>\n"
                + "    <TimeTrigger>\n"
                + "      <Repetition>\n"
                + "        <Interval>PT" + s.every().toSeconds() + "S</Interval>\n"
                + "        <StopAtDurationEnd>false</StopAtDurationEnd>\n"
                + "      </Repetition>\n"
                + "      <StartBoundary>" + start.withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "</StartBoundary>\n"
                + "      <Enabled>true</Enabled>\n"
                + "      <RandomDelay>PT" + s.jitter().toSeconds() + "S</RandomDelay>\n"
                + "    </TimeTrigger>\n"
                + "  </Triggers>\n"
                + "  <Principals>\n"
                + "    <Principal id=\"System\">\n"
                + "      <UserId>S-1-5-18</UserId>\n"
                + "      <RunLevel>HighestAvailable</RunLevel>\n"
                + "    </Principal>\n"
                + "  </Principals>\n"
                + "  <Settings>\n"
                + "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\n"
                + "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\n"
                + "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\n"
                + "    <StartWhenAvailable>true</StartWhenAvailable>\n"
                + "    <ExecutionTimeLimit>" + limit + "</ExecutionTimeLimit>\n"
                + "    <Enabled>true</Enabled>\n"
                + "  </Settings>\n"
                + "  <Actions Context=\"System\">\n"
                + "    <Exec>\n"
                + "      <Command>" + Xml.escape(program(s.launcher())) + "</Command>\n"
                + "      <Arguments>" + Xml.escape(arguments(s.runArgs())) + "</Arguments>\n"
                + "    </Exec>\n"
                + "  </Actions>\n"
                + "</Task>\n";
    }

    static String arguments(List<String> args) {
        return args.stream().map(TaskXml::cmdWord).collect(Collectors.joining(" "));
    }

    /** The program as Task Scheduler takes it: the bare path, spaces and all. */
    static String program(String path) {
        cmdWord(path);
        return path;
    }

    /** Quoted when it holds a space; a character cmd.exe would act on is refused. */
    static String cmdWord(String word) {
        Values.plain("task argument", word);
        for (int i = 0; i < word.length(); i++) {
            if (CMD_SPECIAL.indexOf(word.charAt(i)) >= 0) {
                throw new IllegalArgumentException("task argument: " + word + " holds " + word.charAt(i)
                        + ", which cmd.exe would interpret when it runs agent.cmd; use a path without it");
            }
        }
        return word.isEmpty() || word.contains(" ") ? "\"" + word + "\"" : word;
    }
}
