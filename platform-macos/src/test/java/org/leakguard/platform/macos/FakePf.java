package org.leakguard.platform.macos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.ScriptedCommands;

/**
 * pfctl as a stateful fake: the anchor holds what was loaded and prints it back in pfctl's
 * normalised form ("port = 53", "flags S/SA keep state"), with Apple's ALTQ notices on stderr;
 * {@code -E} hands out {@link #issue} and {@code -X} releases only the token it is given.
 * An anchor with neither rules nor tables does not exist in pf: {@code -s rules} on it fails the
 * way pf's source says pfctl does (DIOCGETRULES answered EINVAL, pfctl's {@code warn("DIOCGETRULES")},
 * exit 1). Only the stderr line is captured, and from another failure (the wildcard-anchor listing in
 * {@code captured/pfctl-a-sr--apple-wildcard-anchor-diocgetrules-error.txt}, no exit code): the test
 * resources' README says so, and RealMacTest checks the real exit code and text.
 */
final class FakePf {
    static final String ALTQ = "No ALTQ support in kernel\nALTQ related functions disabled\n";
    static final String NO_ANCHOR = "pfctl: DIOCGETRULES: Invalid argument\n";
    private static final Pattern TABLE = Pattern.compile("table <(\\S+)> const \\{ (.*) }");
    private static final Pattern USER = Pattern.compile(" user \"([^\"]+)\"");

    final ScriptedCommands commands;
    String loaded = "";
    String mainRules = Captures.text("pfctl-s-rules--stock-apple-anchors.txt");
    final Map<String, Long> references = new LinkedHashMap<>();
    final String issue;
    final List<List<String>> released = new ArrayList<>();
    /** The accounts pf's getpwnam finds, with their uids. */
    final Map<String, Integer> users = new LinkedHashMap<>();

    FakePf(ScriptedCommands commands, String issue) {
        this.commands = commands;
        this.issue = issue;
        commands.on(Pfctl.ANCHOR_RULES, c -> !exists() ? new CommandResult(1, "", ALTQ + NO_ANCHOR) : ok(printed()));
        for (String t : PfRuleset.TABLES) {
            commands.on(Pfctl.showTable(t), c -> tables().containsKey(t) ? ok(tableText(tables().get(t)))
                    : new CommandResult(1, "", ALTQ + "pfctl: Table does not exist.\n"));
        }
        commands.on(Pfctl.REFERENCES, c -> ok(references()));
        commands.on(Pfctl.MAIN_RULES, c -> ok(mainRules));
        commands.on(Pfctl.LOAD, c -> {
            String unknown = unknownUser(c.input());
            if (unknown != null) {
                return new CommandResult(1, "", ALTQ + unknown + "pfctl: Syntax error in config file: pf rules not loaded\n");
            }
            loaded = c.input();
            return ok("");
        });
        commands.on(Pfctl.FLUSH_RULES, c -> {
            loaded = loaded.lines().filter(l -> l.startsWith("table")).reduce("", (a, b) -> a + b + "\n");
            return new CommandResult(0, "", ALTQ + "rules cleared\n");
        });
        commands.on(Pfctl.FLUSH_TABLES, c -> {
            loaded = loaded.lines().filter(l -> !l.startsWith("table")).reduce("", (a, b) -> a + b + "\n");
            return new CommandResult(0, "", ALTQ + "0 tables deleted.\n");
        });
        commands.on(Pfctl.ENABLE, c -> {
            references.put(issue, 1L);
            return new CommandResult(0, "", ALTQ + "pf enabled\nToken : " + issue + "\n");
        });
        accept(issue);
    }

    /** {@code pfctl -X token} releases that reference; pf goes off when the last one is gone. */
    FakePf accept(String token) {
        commands.on(Pfctl.release(token), c -> {
            released.add(c.argv());
            references.remove(token);
            return new CommandResult(0, "", ALTQ + (references.isEmpty() ? "pf disabled\n" : ""));
        });
        return this;
    }

    /** An account this Mac has: {@code id -u NAME} prints its uid, and pf resolves the name when it loads. */
    FakePf user(String name, int uid) {
        users.put(name, uid);
        commands.on(PfUser.lookup(name), c -> new CommandResult(0, uid + "\n", ""));
        return this;
    }

    /** An account this Mac lacks: BSD id's answer ({@code errx(1, "%s: no such user")}). */
    FakePf noUser(String name) {
        commands.on(PfUser.lookup(name), c -> new CommandResult(1, "", "id: " + name + ": no such user\n"));
        return this;
    }

    /**
     * pf's parse.y looks a {@code user} name up with getpwnam and fails the whole file on an unknown
     * one ({@code yyerror("unknown user %s")}, the file "-" named "stdin"); pfctl then exits 1 with
     * "Syntax error in config file". From pf's source, not a capture; RealMacTest runs the real pfctl.
     */
    private String unknownUser(String text) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = USER.matcher(lines[i]);
            if (m.find() && !users.containsKey(m.group(1))) {
                return "stdin:" + (i + 1) + ": unknown user " + m.group(1) + "\n";
            }
        }
        return null;
    }

    /** Another component (a VPN client) already holds a reference. */
    FakePf heldBy(String token) {
        references.put(token, 2L);
        return this;
    }

    FakePf acceptKills(List<String> addresses) {
        addresses.forEach(a -> commands.on(Pfctl.killTo(a), c -> new CommandResult(0, "",
                ALTQ + "killed 0 states from 1 sources and 0 destinations\n")));
        return this;
    }

    /** pf removes an anchor once its last rule and table are gone. */
    boolean exists() {
        return loaded.lines().anyMatch(l -> !l.isBlank() && !l.startsWith("#"));
    }

    private String printed() {
        StringBuilder out = new StringBuilder();
        for (String line : loaded.split("\n")) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("table")) {
                continue;
            }
            // pfctl prints a user as its uid (print_ugid), whatever name the ruleset gave.
            String s = USER.matcher(line.replaceAll(" port (\\d+)", " port = $1"))
                    .replaceAll(m -> " user = " + users.get(m.group(1)))
                    .replaceAll(" user (\\d+)", " user = $1");
            if (s.contains("keep state")) {
                // Already in pfctl's spelling: a ruleset restored from what -sr printed.
            } else if (s.startsWith("pass") && s.contains("proto tcp")) {
                s = s.replace(" label ", " flags S/SA keep state label ");
            } else if (s.startsWith("pass")) {
                s = s.replace(" label ", " keep state label ");
            }
            out.append(s).append('\n');
        }
        return out.toString();
    }

    Map<String, List<String>> tables() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : loaded.split("\n")) {
            Matcher m = TABLE.matcher(line);
            if (m.matches()) {
                out.put(m.group(1), List.of(m.group(2).split(" ")));
            }
        }
        return out;
    }

    private static String tableText(List<String> addresses) {
        StringBuilder out = new StringBuilder();
        addresses.forEach(a -> out.append("   ").append(a).append('\n'));
        return out.toString();
    }

    private String references() {
        StringBuilder out = new StringBuilder("PID      Process Name                 TOKEN                    TIMESTAMP\n");
        references.forEach((token, pid) -> out.append(String.format("%-8d %-28s %-24s %s%n", 5190 + pid, "pfctl", token,
                "0 days 00:00:07")));
        return out.toString();
    }

    private static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, ALTQ);
    }
}
