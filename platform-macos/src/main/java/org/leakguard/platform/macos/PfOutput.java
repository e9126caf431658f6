package org.leakguard.platform.macos;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What pfctl prints. Apple's pfctl writes "No ALTQ support in kernel" and "ALTQ related functions
 * disabled" on every run, and interleaved with stdout in captured transcripts: they are skipped.
 */
final class PfOutput {
    private static final Pattern TOKEN = Pattern.compile("Token\\s*:\\s*(\\d+)\\s*");
    private static final Pattern REFERENCE = Pattern.compile("\\s*\\d+\\s+.*?\\s+(\\d+)\\s+\\d+ days? .*");
    private static final Pattern LABEL = Pattern.compile(".*\\slabel \"([^\"]*)\".*");
    private static final Pattern APPLE_ANCHOR = Pattern.compile("\\s*anchor\\s+\"com\\.apple/\\*\"(\\s.*)?");

    private PfOutput() {}

    /** The enable reference {@code pfctl -E} printed ({@code Token : 18446743525445205896}); the last one. */
    static Optional<String> token(String text) {
        List<String> all = Tools.captures(text, TOKEN);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The tokens {@code pfctl -s References} lists: one row per holder, "PID Process Name TOKEN TIMESTAMP". */
    static List<String> references(String text) {
        return Tools.captures(text, REFERENCE);
    }

    /** The label of each rule {@code pfctl -s rules} printed, in order; a rule without one counts as "". */
    static List<String> labels(String text) {
        List<String> out = new ArrayList<>();
        for (String line : rules(text)) {
            Matcher m = LABEL.matcher(line);
            out.add(m.matches() ? m.group(1) : "");
        }
        return List.copyOf(out);
    }

    /** Rule lines only: without ALTQ notices, pfctl errors, blanks and the -v counters. */
    static List<String> rules(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("No ALTQ") || s.startsWith("ALTQ ") || s.startsWith("pfctl:")
                    || s.startsWith("[") || s.equals("}")) {
                continue;
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** Whether a main ruleset (printed, or pf.conf) evaluates Apple's anchors, where leakguard's lives. */
    static boolean hasAppleAnchor(String text) {
        for (String line : text.split("\r?\n")) {
            if (APPLE_ANCHOR.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The addresses {@code pfctl -t T -T show} printed, one a line. */
    static List<String> tableAddresses(String text) {
        List<String> out = new ArrayList<>();
        for (String s : rules(text)) {
            if (Ips.isLiteral(s) || s.contains("/")) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
