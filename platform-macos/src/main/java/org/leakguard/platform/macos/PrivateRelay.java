package org.leakguard.platform.macos;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.host.Host;

/**
 * Whether an installed configuration profile turns iCloud Private Relay off: some payload carries
 * {@code allowCloudPrivateRelay: false} (a {@code com.apple.applicationaccess} restriction, from
 * leakguard's profile or an MDM's). Read from {@code profiles show -output stdout-xml}, searched for
 * that key wherever it sits, so the check does not depend on how the listing nests payloads.
 */
final class PrivateRelay {
    static final List<String> SHOW = List.of("profiles", "show", "-output", "stdout-xml");
    /** The names whose negative answer tells Apple's clients that the network does not allow Private Relay. */
    static final List<String> CANARIES = List.of("mask.icloud.com", "mask-h2.icloud.com");
    static final String SWITCH = "a resolver the Mac uses can answer NXDOMAIN for " + String.join(" and ", CANARIES)
            + " (every query type), which makes Apple's clients leave Private Relay off on that network";

    private PrivateRelay() {}

    /** True when an installed profile turns Private Relay off; fails unless run as root ({@link ProfilesAccess}). */
    static boolean off(Host host) throws IOException {
        return off(ProfilesAccess.read(host, SHOW));
    }

    /** Pure: the listing has a dict with {@code allowCloudPrivateRelay} false. A listing that is no plist holds none. */
    static boolean off(String listing) {
        String text = listing.strip();
        if (!text.startsWith("<?xml") && !text.startsWith("<plist")) {
            return false;
        }
        return carries(PlistReader.dictionary(text));
    }

    private static boolean carries(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (Boolean.FALSE.equals(map.get(MobileConfig.PRIVATE_RELAY))) {
                return true;
            }
            return map.values().stream().anyMatch(PrivateRelay::carries);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(PrivateRelay::carries);
        }
        return false;
    }
}
