package org.leakguard.agent.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which build of the agent runs: the version and git commit the build wrote into
 * {@code build.properties}, so a fleet inventory can tell hosts apart by the reports they send.
 * A build from a source tree without git, or classes run outside a built jar, say "unknown".
 *
 * @param commit the abbreviated commit, with {@code -dirty} when the tree had uncommitted changes
 */
public record Build(String version, String commit) {
    public static final String UNKNOWN = "unknown";

    private static final class Holder {
        static final Build CURRENT = read();
    }

    /** The running build, read once. */
    public static Build current() {
        return Holder.CURRENT;
    }

    /** {@code 0.1.0 (commit 1a2b3c4)}. */
    public String describe() {
        return version + " (commit " + commit + ")";
    }

    private static Build read() {
        Properties p = new Properties();
        try (InputStream in = Build.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Unreadable: reported as unknown below, never a failed run.
        }
        return of(p.getProperty("version"), p.getProperty("commit"), p.getProperty("dirty"));
    }

    /** Values the build left unfilled (a literal {@code ${...}}) or empty are unknown. Pure. */
    static Build of(String version, String commit, String dirty) {
        String v = known(version);
        String c = known(commit);
        return new Build(v, UNKNOWN.equals(c) || !"true".equals(dirty) ? c : c + "-dirty");
    }

    private static String known(String value) {
        return value == null || value.isBlank() || value.contains("${") ? UNKNOWN : value.strip();
    }
}
