package org.leakguard.platform.linux;

import java.util.LinkedHashMap;
import java.util.Map;

/** User names to uids from /etc/passwd text ({@code name:x:uid:gid:gecos:home:shell}). Pure. */
final class Passwd {
    static final String PATH = "/etc/passwd";

    private Passwd() {}

    /** Every well-formed entry; the first of two with one name wins, as getpwnam does. Comments and NIS lines are skipped. */
    static Map<String, Long> uids(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length < 4 || f[0].isEmpty() || f[0].startsWith("#") || f[0].startsWith("+") || f[0].startsWith("-")) {
                continue;
            }
            try {
                long uid = Long.parseLong(f[2]);
                if (uid >= 0 && uid <= 4_294_967_294L) {
                    out.putIfAbsent(f[0], uid);
                }
            } catch (NumberFormatException e) {
                // A damaged line names no uid; getpwnam skips it too.
            }
        }
        return out;
    }
}
