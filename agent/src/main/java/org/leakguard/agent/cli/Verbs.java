package org.leakguard.agent.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The verbs, registered lazily: a verb's model costs start-up when it is added, so when the
 * command line names one verb only that verb is added; for help, a typo or no verb, all of them are.
 */
final class Verbs {
    private static final List<String> ALL = List.of("validate", "plan", "apply", "check", "rollback", "confirm", "status",
            "diagnose", "leak-test", "canary", "profile", "schedule", "watch",
            "portal");
    /** Options of the top command that take a value, so the verb is not mistaken for one. */
    private static final Set<String> WITH_VALUE = Set.of("--format", "--report", "--prometheus", "--junit", "--state-dir", "--root",
            "--wait");
    private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");
    /** The verbs that always read a policy file, whose first read is worth starting early. */
    private static final Set<String> READ_POLICY = Set.of("validate", "plan", "apply", "check");

    private Verbs() {}

    static void register(CommandLine cli, String[] args) {
        AgentCommand agent = cli.getCommand();
        String verb = requested(args);
        for (String name : verb != null ? List.of(verb) : ALL) {
            cli.addSubcommand(name, spec(name, agent));
        }
    }

    /** A switch rather than a map of lambdas: each lambda is linked at run time, which start-up pays for. */
    private static CommandSpec spec(String verb, AgentCommand agent) {
        switch (verb) {
            case "validate":
                return new ValidateCommand(agent).spec();
            case "plan":
                return new PlanCommand(agent).spec();
            case "apply":
                return new ApplyCommand(agent).spec();
            case "check":
                return new CheckCommand(agent).spec();
            case "rollback":
                return new RollbackCommand(agent).spec();
            case "confirm":
                return new ConfirmCommand(agent).spec();
            case "status":
                return new StatusCommand(agent).spec();
            case "diagnose":
                return new DiagnoseCommand(agent).spec();
            case "leak-test":
                return new LeakTestCommand(agent).spec();
            case "canary":
                return new CanaryCommand().spec();
            case "profile":
                return new ProfileCommand(agent).spec();
            case "schedule":
                return new ScheduleCommand(agent).spec();
            case "watch":
                return new WatchCommand(agent).spec();
            case "portal":
                return new PortalCommand(agent).spec();
            default:
                throw new IllegalArgumentException("no verb " + verb);
        }
    }

    static boolean readsPolicy(String verb) {
        return verb != null && READ_POLICY.contains(verb);
    }

    /** The verb the arguments name, or null when help is asked for before it or none is known. */
    static String requested(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (HELP.contains(a)) {
                return null;
            }
            if (WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return ALL.contains(a) ? a : null;
            }
        }
        return null;
    }
}
