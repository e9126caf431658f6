package org.leakguard.agent.policy;

/**
 * A policy file that cannot be used, with the place to fix it. {@link #getMessage()} reads
 * {@code file:line:column: keyPath: problem}; line and column are 1-based, and 0 when the
 * problem concerns the whole file (it cannot be read, or is too large), in which case the
 * message is {@code file: problem}. The key path is empty for the document itself.
 */
public final class PolicyException extends Exception {
    private final String file;
    private final int line;
    private final int column;
    private final String keyPath;
    private final String problem;

    PolicyException(String file, int line, int column, String keyPath, String problem) {
        super(format(file, line, column, keyPath, problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.keyPath = keyPath == null ? "" : keyPath;
        this.problem = problem;
    }

    public static PolicyException wholeFile(String file, String problem) {
        return new PolicyException(file, 0, 0, "", problem);
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** Where in the document, e.g. {@code spec.resolvers.servers[1]}; empty for the document. */
    public String keyPath() {
        return keyPath;
    }

    /** What is wrong and what to write instead, without the location. */
    public String problem() {
        return problem;
    }

    private static String format(String file, int line, int column, String keyPath, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (keyPath != null && !keyPath.isEmpty()) {
            sb.append(keyPath).append(": ");
        }
        return sb.append(problem).toString();
    }
}
