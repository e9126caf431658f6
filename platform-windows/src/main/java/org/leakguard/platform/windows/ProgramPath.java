package org.leakguard.platform.windows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A program's path as a firewall exception names it, checked here again before it reaches
 * PowerShell (where it is only ever a value in the JSON the script reads, never script text): a
 * local absolute path to an {@code .exe}. No {@code ..} (the rule would name another file than
 * the one read), no {@code %} (Windows Firewall expands environment variables in a rule's
 * program), no UNC path (a program on a share is whatever the share serves).
 */
final class ProgramPath {
    private static final Pattern PART = Pattern.compile("[^<>:\"/\\\\|?*%\\x00-\\x1f]+");

    private ProgramPath() {}

    /** The path itself, or an error that says what is wrong with it. */
    static String check(String path) {
        if (path == null || !path.matches("[A-Za-z]:\\\\.*")) {
            throw new IllegalArgumentException(quote(path) + " is not a local absolute path (a drive letter, a colon, a backslash)");
        }
        String[] parts = path.substring(3).split("\\\\", -1);
        for (String part : parts) {
            if (part.equals(".") || part.equals("..") || !PART.matcher(part).matches()) {
                throw new IllegalArgumentException(quote(path) + " has a part " + quote(part) + " that is not a plain file or"
                        + " folder name (no . or .., no % or any of <>:\"/|?*)");
            }
        }
        if (!path.toLowerCase(Locale.ROOT).endsWith(".exe")) {
            throw new IllegalArgumentException(quote(path) + " does not name a program (.exe)");
        }
        return path;
    }

    /** Quoted, with control characters escaped, so a path cannot forge a line of the report. */
    private static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder("'");
        value.chars().forEach(c -> b.append(c < 0x20 ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return b.append('\'').toString();
    }

    /** A short, stable id for rule names: Windows paths ignore case, so the id does too. */
    static String id(String path) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(path.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
