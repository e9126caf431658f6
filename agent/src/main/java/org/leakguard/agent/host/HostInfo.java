package org.leakguard.agent.host;

/** What a platform looks at to decide whether it serves this host. */
public record HostInfo(String name, String osName, String osVersion) {

    public static HostInfo current() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                name = "unknown";
            }
        }
        return new HostInfo(name, System.getProperty("os.name"), System.getProperty("os.version"));
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
