package org.leakguard.platform.windows;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.SystemFolder;

/**
 * Windows programs by absolute path under the Windows folder. A bare {@code powershell.exe} would
 * be looked up in the current folder and on PATH, where a user-writable entry could plant one that
 * then runs as SYSTEM. The folder comes from the registry (HKLM, writable by administrators only)
 * or else the process's {@code SystemRoot}; it is never guessed, and nothing is looked up on PATH.
 */
final class SystemPrograms {
    static final String CURRENT_VERSION = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
    static final String POWERSHELL = "System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    static final String NETSH = "System32\\netsh.exe";
    /** A local drive path: no relative path, no share, no variable, no separator of PATH. */
    private static final Pattern FOLDER = Pattern.compile("[A-Za-z]:\\\\[^\\\\/:*?\"<>|;%]+(\\\\[^\\\\/:*?\"<>|;%]+)*\\\\?");

    /** A program's file name in System32: no folder, no climb, no wildcard. */
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*\\.exe");

    private SystemPrograms() {}

    /**
     * The core's view of this: a program in System32 by its absolute path, for what the core runs
     * on Windows itself (schtasks for the scheduled task).
     */
    static SystemFolder folder(Host host) {
        return name -> {
            if (!PROGRAM.matcher(name).matches()) {
                throw new IOException("not a program file name in System32: \"" + name + "\"");
            }
            return path(host, "System32\\" + name);
        };
    }

    /** The absolute path of a program under the Windows folder, e.g. {@link #POWERSHELL}. */
    static String path(Host host, String underWindows) throws IOException {
        Optional<String> registry = Ports.registry(host).value(CURRENT_VERSION, "SystemRoot")
                .filter(v -> v.type() == RegType.SZ || v.type() == RegType.EXPAND_SZ).map(RegValue::string);
        return windowsFolder(registry, Ports.machine(host).systemRoot()) + "\\" + underWindows;
    }

    /** The registry's value when it is a local absolute folder, else the environment's; else an error. */
    static String windowsFolder(Optional<String> registry, Optional<String> environment) throws IOException {
        for (Optional<String> candidate : java.util.List.of(registry, environment)) {
            Optional<String> folder = candidate.map(String::strip).filter(s -> FOLDER.matcher(s).matches())
                    .filter(s -> !s.contains("\\..") && !s.contains("\\.\\"));
            if (folder.isPresent()) {
                String f = folder.get();
                return f.endsWith("\\") ? f.substring(0, f.length() - 1) : f;
            }
        }
        throw new IOException("cannot find the Windows folder: " + CURRENT_VERSION + "\\SystemRoot is "
                + registry.map(s -> "\"" + s + "\"").orElse("absent") + " and the SystemRoot environment variable is "
                + environment.map(s -> "\"" + s + "\"").orElse("unset") + "; leakguard runs Windows programs only by their"
                + " absolute path under that folder, so nothing was run");
    }
}
