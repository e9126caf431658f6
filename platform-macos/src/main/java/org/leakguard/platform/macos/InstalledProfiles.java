package org.leakguard.platform.macos;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code profiles list} (run as root: computer-level and the root user's): lines such as
 * {@code _computerlevel[1] attribute: profileIdentifier: com.example.x}; newer releases add a
 * count line, older ones print "There are no configuration profiles installed".
 */
final class InstalledProfiles {
    static final List<String> COMMAND = List.of("profiles", "list");
    private static final Pattern LINE = Pattern.compile("\\S+\\[\\d+] attribute: profileIdentifier: (\\S.*?)\\s*");

    private InstalledProfiles() {}

    static Set<String> parse(String text) {
        return Set.copyOf(Tools.captures(text, LINE));
    }
}
