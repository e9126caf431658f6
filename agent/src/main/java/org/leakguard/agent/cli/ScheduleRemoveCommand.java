package org.leakguard.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.leakguard.agent.engine.ChangeJournal;
import org.leakguard.agent.engine.RunLock;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.engine.Transaction;
import org.leakguard.agent.engine.UnsupportedHostException;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.schedule.Scheduler;
import org.leakguard.agent.schedule.Schedulers;
import picocli.CommandLine.Model.CommandSpec;

/** {@code agent schedule remove}: undoes the install's transaction, so the host is as it was before it. */
final class ScheduleRemoveCommand implements Callable<Integer> {
    private final AgentCommand agent;

    ScheduleRemoveCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "remove", "Remove the scheduled run: undo exactly what install wrote (nothing to do is not an error).");
    }

    @Override
    public Integer call() throws Exception {
        if (Output.refusesTargets(agent, "schedule remove", "removes the scheduled run and has no run result")) {
            return 2;
        }
        if (agent.root() != null) {
            throw new IllegalArgumentException("schedule remove changes a live host's scheduler; it does not take --root");
        }
        Context ctx = agent.context;
        StateDir journalDir = ScheduleCommand.journal(agent);
        Host host = ScheduleCommand.liveHost(agent);
        Path stateDir = Session.stateDir(agent);
        if (!Files.isDirectory(journalDir.path())) {
            return say("no schedule is installed (no journal in " + journalDir.path() + "); nothing changed");
        }
        RunLock lock = RunLock.acquire(stateDir, Duration.ofSeconds(agent.waitSeconds()));
        try {
            ChangeJournal journal = new ChangeJournal(host, journalDir, ctx.clock());
            Optional<Transaction> installed = journal.latestCommitted();
            if (installed.isEmpty()) {
                List<String> said = journal.recover();
                said.add("no schedule is installed; nothing else changed");
                return say(String.join("\n", said));
            }
            Optional<Scheduler> scheduler = Schedulers.forHost(host, ctx.clock());
            Optional<String> why = scheduler.isEmpty() ? Optional.of("no scheduler is known for " + ctx.host().osName())
                    : scheduler.get().unavailabilityCause(host);
            if (why.isPresent()) {
                throw new UnsupportedHostException("cannot remove the schedule: " + why.get() + "; nothing was changed");
            }
            List<String> said = new ArrayList<>(journal.recover());
            List<String> left = journal.undo(installed.get(), "agent schedule remove");
            if (!left.isEmpty()) {
                agent.err().println("error: the schedule could not be fully removed, a person must restore: " + String.join("; ", left));
                return 5;
            }
            Files.deleteIfExists(ScheduleCommand.installed(agent));
            said.add("removed the schedule installed by transaction " + installed.get().id()
                    + ": every file it wrote is back as it was, and the entry is disabled");
            return say(String.join("\n", said));
        } finally {
            lock.close();
        }
    }

    private int say(String text) {
        PrintWriter out = agent.out();
        if (agent.format() == AgentCommand.Format.json) {
            try {
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(java.util.Map.of("messages",
                        List.of(text.split("\n")))));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.println(text);
        }
        out.flush();
        return 0;
    }
}
