package org.leakguard.agent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Range;

/**
 * Shorthands for picocli's programmatic model. The commands are described with it rather than
 * with annotations: reading annotations by reflection made building the model of {@code agent}
 * and one verb cost more than a whole compliant {@code check}, on every run.
 */
final class Args {
    private Args() {}

    /** A command that runs {@code verb}; picocli does not inspect it. */
    static CommandSpec command(Object verb, String name, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(verb).name(name);
        spec.usageMessage().description(description);
        return spec;
    }

    /** A valueless option, false unless given. */
    static OptionSpec.Builder flag(String description, String... names) {
        return OptionSpec.builder(names).type(boolean.class).arity("0").initialValue(false).description(description);
    }

    /** An option with a value labelled {@code label}. */
    static OptionSpec.Builder option(String name, Class<?> type, String label, String description) {
        return OptionSpec.builder(name).type(type).paramLabel(label).description(description);
    }

    /** The required policy file most verbs take. */
    static PositionalParamSpec policy() {
        return positional("FILE", Path.class, "1", "The policy (YAML).");
    }

    /** Required when its arity asks for at least one value, as picocli decides for annotated parameters. */
    static PositionalParamSpec positional(String label, Class<?> type, String arity, String description) {
        return PositionalParamSpec.builder().paramLabel(label).type(type).arity(arity)
                .required(Range.valueOf(arity).min() > 0).description(description).build();
    }

    /** {@code --diff} and {@code --no-diff} for the verbs that plan; diffs are shown unless {@code --no-diff}. */
    static OptionSpec[] diffFlags() {
        return new OptionSpec[] {
            flag("Show each change in full after the table: unified diffs of files, the complete ruleset loaded,"
                    + " values before -> after (the default).", "--diff").build(),
            flag("Show one summary line per change only.", "--no-diff").build()
        };
    }

    /** Whether diffs are shown: on unless {@code --no-diff} (the second of {@link #diffFlags()}) is given. */
    static boolean diffs(OptionSpec[] flags) {
        return !given(flags[1]);
    }

    /** Whether a flag was given; a flag in an option group nobody used has no value at all. */
    static boolean given(OptionSpec flag) {
        return Boolean.TRUE.equals(flag.getValue());
    }
}
