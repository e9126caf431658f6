package org.leakguard.platform.macos;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Mac's hardware UUID, the stable id a policy's rollout bucket is drawn from. */
final class PlatformUuid {
    static final List<String> ARGV = List.of("ioreg", "-rd1", "-c", "IOPlatformExpertDevice");

    private static final Pattern LINE = Pattern.compile(
            "\"IOPlatformUUID\"\\s*=\\s*\"([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\"");

    private PlatformUuid() {}

    /** The UUID in {@code ioreg -rd1 -c IOPlatformExpertDevice} output, lower-cased; empty when absent. */
    static Optional<String> parse(String ioreg) {
        Matcher m = LINE.matcher(ioreg);
        return m.find() ? Optional.of(m.group(1).toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }
}
