package org.leakguard.agent.host;

import java.io.IOException;

/**
 * Where the operating system keeps its own programs, for a platform whose programs must run by
 * absolute path: on Windows, System32 under the folder the registry names. A bare name there
 * would be looked up in the current folder and on PATH, where a user could plant a program that
 * then runs as SYSTEM. The platform attaches it as a {@link Host} port; the core never guesses it.
 */
@FunctionalInterface
public interface SystemFolder {

    /** The absolute path of the system program {@code name} ({@code schtasks.exe}); an error when the folder is unknown. */
    String program(String name) throws IOException;
}
