package org.leakguard.agent.host;

/** What a finished command printed and returned. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }
}
