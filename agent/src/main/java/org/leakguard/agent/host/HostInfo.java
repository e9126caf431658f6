package org.leakguard.agent.host;

/** What a platform looks at to decide whether it serves this host. */
public record HostInfo(String name, String osName, String osVersion) {

    /**
     * This host, its name read without any lookup: a DNS query for the host's own name would be a
     * leak of its own, stall when the resolver is away, and give "unknown" when the name does not
     * resolve. Linux keeps it in /proc/sys/kernel/hostname, Windows in COMPUTERNAME; elsewhere
     * (macOS) {@code HOSTNAME} or {@code hostname}'s output, never {@code InetAddress.getLocalHost()}.
     */
    public static HostInfo current() {
        String os = System.getProperty("os.name");
        return new HostInfo(name(os), os, System.getProperty("os.version"));
    }

    static String name(String os) {
        String name = null;
        if (os.startsWith("Windows")) {
            name = System.getenv("COMPUTERNAME");
        } else {
            try {
                name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (java.io.IOException | RuntimeException e) {
                name = System.getenv("HOSTNAME");
            }
            if (name == null || name.isBlank()) {
                name = hostnameProgram();
            }
        }
        return name == null || name.isBlank() ? "unknown" : name.strip();
    }

    /** {@code hostname} prints the kernel's name (gethostname) and looks nothing up. */
    private static String hostnameProgram() {
        try {
            CommandResult r = new ExecCommands().run(new Command(java.util.List.of("hostname"), null, java.time.Duration.ofSeconds(5)));
            return r.ok() ? r.stdout().strip() : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    public boolean isLinux() {
        return osName.toLowerCase(java.util.Locale.ROOT).startsWith("linux");
    }

    public boolean isWindows() {
        return osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }

    public boolean isMac() {
        return osName.toLowerCase(java.util.Locale.ROOT).startsWith("mac");
    }
}
