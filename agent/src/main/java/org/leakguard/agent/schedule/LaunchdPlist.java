package org.leakguard.agent.schedule;

/** The LaunchDaemon property list of a schedule. Pure: no I/O. */
final class LaunchdPlist {
    static final String LABEL = "org.leakguard.check";
    static final String PATH = "/Library/LaunchDaemons/" + LABEL + ".plist";

    private LaunchdPlist() {}

    /**
     * launchd has no random delay, so the jitter goes to the agent ({@code schedule run --jitter});
     * RunAtLoad gives the first run at boot and at install, StartInterval the period. A LaunchDaemon
     * runs as root.
     */
    static String plist(Schedule s) {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n");
        b.append("<!-- Written by `agent schedule install`; `agent schedule remove` deletes it. -->\n");
        b.append("<plist version=\"1.0\">\n<dict>\n");
        b.append("  <key>Label</key>\n  <string>").append(LABEL).append("</string>\n");
        b.append("  <key>ProgramArguments</key>\n  <array>\n");
        b.append("    <string>").append(Xml.escape(s.launcher())).append("</string>\n");
        for (String arg : s.runArgsWithJitter()) {
            b.append("    <string>").append(Xml.escape(arg)).append("</string>\n");
        }
        b.append("  </array>\n");
        b.append("  <key>StartInterval</key>\n  <integer>").append(s.every().toSeconds()).append("</integer>\n");
        b.append("  <key>RunAtLoad</key>\n  <true/>\n");
        b.append("  <key>ProcessType</key>\n  <string>Background</string>\n");
        b.append("</dict>\n</plist>\n");
        return b.toString();
    }
}
