package org.leakguard.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.ExecCommands;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.spi.Status;

/** The one line per run: stable ids, one token per value, and an argv this Debian's logger takes. */
class RunEventTest {

    static Report report(Result result, String policyName, String txid) {
        return new Report(result, result.exitCode(), "check", new Report.PolicyRef(policyName, "00"),
                new Report.HostRef("web-01", "Linux"), txid, 10,
                List.of(new ControlReport("resolvers", Status.COMPLIANT, List.of(), List.of()),
                        new ControlReport("ipv6", Status.NON_COMPLIANT, List.of(), List.of())),
                List.of(new ProbeReport("udp53", "198.51.100.53", "unreachable", "timeout", true, 1),
                        new ProbeReport("canary", "x", "y", "z", null, 1)),
                List.of());
    }

    @Test
    void everyResultHasItsOwnIdAndTheIdsNeverMove() {
        Set<Integer> ids = new HashSet<>();
        for (Result r : Result.values()) {
            assertThat(ids.add(RunEvent.id(r))).as("%s has an id of its own", r).isTrue();
        }
        // Published in the README; a log pipeline selects on them.
        assertThat(List.of(RunEvent.id(Result.COMPLIANT), RunEvent.id(Result.REMEDIATED), RunEvent.id(Result.NON_COMPLIANT),
                RunEvent.id(Result.ROLLED_BACK), RunEvent.id(Result.ROLLBACK_FAILED), RunEvent.id(Result.ERROR)))
                .containsExactly(1000, 1001, 2000, 3000, 3001, 4001);
    }

    @Test
    void theLineCarriesResultPolicyTransactionAndEachControl() {
        RunEvent e = RunEvent.of(report(Result.NON_COMPLIANT, "corp", "20260301T120000Z-abcdef"));

        assertThat(e.text()).isEqualTo("LG2000 result=non-compliant exit=3 command=check policy=corp"
                + " txid=20260301T120000Z-abcdef host=web-01 controls=resolvers:compliant,ipv6:non-compliant probes=1/2");
        assertThat(e.level()).isEqualTo(RunEvent.Level.WARNING);
        assertThat(RunEvent.of(report(Result.ROLLBACK_FAILED, "corp", null)).level()).isEqualTo(RunEvent.Level.CRITICAL);
        assertThat(RunEvent.of(report(Result.REMEDIATED, "corp", null)).level()).isEqualTo(RunEvent.Level.NOTICE);
    }

    @Test
    void aValueCannotSplitOrForgeTheLine() {
        RunEvent e = RunEvent.of(report(Result.COMPLIANT, "a b\nLG1000 result=compliant", "x=y"));

        assertThat(e.text()).doesNotContain("\n").contains("policy=a_b_LG1000_result_compliant", "txid=x_y");
        assertThat(e.text().split(" ")).hasSize(9);
    }

    @Test
    void syslogRunsLoggerWithAnArgvAndSaysWhyItFailed() {
        ScriptedCommands ok = new ScriptedCommands();
        RunEvent e = RunEvent.of(report(Result.COMPLIANT, "corp", null));
        ok.ok("", "logger", "-t", "leakguard", "-p", "user.info", "--", e.text());
        ScriptedCommands refused = new ScriptedCommands().fail(1, "logger: socket /dev/log: No such file or directory\n",
                "logger", "-t", "leakguard", "-p", "user.info", "--", e.text());

        assertThat(new SyslogEventLog(ok).write(e)).isEmpty();
        assertThat(new SyslogEventLog(refused).write(e)).contains("logger exited 1: logger: socket /dev/log: No such file or directory");
        assertThat(new SyslogEventLog(new ScriptedCommands().missing("logger")).write(e).orElseThrow()).startsWith("cannot run logger");
    }

    /**
     * The real logger (util-linux here) takes the argv: with --no-act it checks the options, with
     * -s it prints the line it would send (user.notice is priority 13), and it writes nothing to the
     * host's log; a wrong priority name would make it exit 1.
     */
    @Test
    void theRealLoggerAcceptsTheArgv() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/logger")), "no /usr/bin/logger here");
        RunEvent e = RunEvent.of(report(Result.REMEDIATED, "corp", "20260301T120000Z-abcdef"));
        List<String> argv = new ArrayList<>(SyslogEventLog.command(e).argv());
        argv.addAll(1, List.of("--no-act", "--socket-errors=off", "-s"));

        CommandResult r = new ExecCommands().run(new Command(argv, null, null));

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).startsWith("<13>").contains("leakguard: " + e.text());
    }
}
