package org.leakguard.agent.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The verbs, registered lazily: picocli builds a verb's model by reflection when it is added, and
 * building all of them costs more than a compliant {@code check} itself. When the command line
 * names one verb only that verb is added; for help, a typo or no verb, all of them are.
 */
final class Verbs {
    private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();
    /** Options of the top command that take a value, so the verb is not mistaken for one. */
    private static final Set<String> WITH_VALUE = Set.of("--format", "--report", "--state-dir", "--root", "--wait");
    private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

    static {
        ALL.put("validate", ValidateCommand::new);
        ALL.put("plan", PlanCommand::new);
        ALL.put("apply", ApplyCommand::new);
        ALL.put("check", CheckCommand::new);
        ALL.put("rollback", RollbackCommand::new);
        ALL.put("confirm", ConfirmCommand::new);
        ALL.put("status", StatusCommand::new);
        ALL.put("diagnose", DiagnoseCommand::new);
        ALL.put("leak-test", LeakTestCommand::new);
        ALL.put("canary", CanaryCommand::new);
    }

    private Verbs() {}

    static void register(CommandLine cli, String[] args) {
        String verb = requested(args);
        if (verb != null) {
            cli.addSubcommand(verb, ALL.get(verb).get());
            return;
        }
        ALL.forEach((name, make) -> cli.addSubcommand(name, make.get()));
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
                return ALL.containsKey(a) ? a : null;
            }
        }
        return null;
    }
}
