package org.leakguard.agent.host;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Commands} fake: answers are scripted per argv and every call is recorded, so a test can
 * assert exactly what would have run. Several answers for one argv are given out in order and the
 * last one repeats. An argv with no answer fails the test at once rather than passing as a
 * command error.
 */
public final class ScriptedCommands implements Commands {

    /** Computes an answer from the call, for fakes that keep state. */
    @FunctionalInterface
    public interface Responder {
        CommandResult respond(Command command) throws IOException;
    }

    private final Map<List<String>, Deque<Responder>> answers = new HashMap<>();
    private final Set<String> missing = new HashSet<>();
    private final List<Command> calls = new ArrayList<>();

    public ScriptedCommands on(List<String> argv, Responder responder) {
        answers.computeIfAbsent(List.copyOf(argv), k -> new ArrayDeque<>()).addLast(responder);
        return this;
    }

    public ScriptedCommands on(List<String> argv, CommandResult result) {
        return on(argv, c -> result);
    }

    /** The command exits 0 printing {@code stdout}. */
    public ScriptedCommands ok(String stdout, String... argv) {
        return on(List.of(argv), new CommandResult(0, stdout, ""));
    }

    /** The command exits {@code exit} printing {@code stderr}. */
    public ScriptedCommands fail(int exit, String stderr, String... argv) {
        return on(List.of(argv), new CommandResult(exit, "", stderr));
    }

    /** The program is not installed: running it throws, as {@link ExecCommands} does. */
    public ScriptedCommands missing(String program) {
        missing.add(program);
        return this;
    }

    @Override
    public synchronized CommandResult run(Command command) throws IOException {
        calls.add(command);
        if (missing.contains(command.argv().get(0))) {
            throw new IOException("Cannot run program \"" + command.argv().get(0) + "\": error=2, No such file or directory");
        }
        Deque<Responder> queue = answers.get(command.argv());
        if (queue == null || queue.isEmpty()) {
            throw new AssertionError("no scripted answer for: " + command.argv());
        }
        Responder next = queue.size() > 1 ? queue.removeFirst() : queue.peekFirst();
        return next.respond(command);
    }

    /** Every call so far, in order, with its standard input. */
    public synchronized List<Command> calls() {
        return List.copyOf(calls);
    }

    /** The argv of every call so far, in order. */
    public synchronized List<List<String>> argvs() {
        return calls.stream().map(Command::argv).toList();
    }
}
