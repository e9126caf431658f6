package org.leakguard.e2e;

/** A finished process: exit code and what it printed. */
record Run(int exit, String stdout, String stderr) {
    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
