package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.leakguard.agent.change.PlatformImage;

/**
 * A service's IPv6 configuration as {@code networksetup -getinfo SERVICE} prints it, and the
 * before-image of turning it off. Manual mode is only restorable with its address, prefix length
 * and router, the three arguments of {@code -setv6manual}; without all three it is not touched.
 */
@JsonTypeName("macos-ipv6-image")
record Ipv6Setting(Ipv6Mode mode, String address, String prefixLength, String router) implements PlatformImage {

    static List<String> read(String service) {
        return Tools.argv("-getinfo", service, List.of());
    }

    static List<String> off(String service) {
        return Tools.argv("-setv6off", service, List.of());
    }

    /**
     * The lines {@code IPv6: Automatic}, {@code IPv6 IP address: ...}, {@code IPv6 Router: ...} and
     * {@code IPv6 Prefix Length: ...}; "none" is absent. No IPv6 line at all is NONE: the service
     * has no IPv6 configuration (some VPN and bridge services).
     */
    static Ipv6Setting parse(String text) {
        Ipv6Mode mode = Ipv6Mode.NONE;
        String address = null;
        String prefix = null;
        String router = null;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("** Error") || line.endsWith("is not a recognized network service.")) {
                throw new IllegalArgumentException("networksetup -getinfo: " + line);
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            Optional<String> given = value.isEmpty() || value.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(value);
            switch (key) {
                case "ipv6" -> mode = Ipv6Mode.of(value);
                case "ipv6 ip address" -> address = given.orElse(null);
                case "ipv6 prefix length" -> prefix = given.orElse(null);
                case "ipv6 router" -> router = given.orElse(null);
                default -> {
                    // IPv4, Wi-Fi ID and the rest are not this control's.
                }
            }
        }
        return new Ipv6Setting(mode, address, prefix, router);
    }

    /** Why this setting could not be put back exactly, or empty when it can. */
    Optional<String> unrestorable() {
        if (mode == Ipv6Mode.UNKNOWN) {
            return Optional.of("networksetup -getinfo shows an IPv6 mode this version does not know");
        }
        if (mode == Ipv6Mode.MANUAL && (address == null || prefixLength == null || router == null
                || !Ips.isLiteral(address) || !Ips.isLiteral(router) || !prefixLength.matches("\\d{1,3}")
                || Integer.parseInt(prefixLength) > 128)) {
            return Optional.of("IPv6 is set manually and networksetup -getinfo does not show all of address ("
                    + address + "), prefix length (" + prefixLength + ") and router (" + router
                    + "), so turning it off could not be undone exactly");
        }
        return Optional.empty();
    }

    /** The command that gives a service this setting back. */
    List<String> restore(String service) {
        unrestorable().ifPresent(why -> {
            throw new IllegalStateException("cannot restore IPv6 of \"" + service + "\": " + why);
        });
        return switch (mode) {
            case AUTOMATIC -> Tools.argv("-setv6automatic", service, List.of());
            case LINK_LOCAL -> Tools.argv("-setv6LinkLocal", service, List.of());
            case OFF -> off(service);
            case NONE -> throw new IllegalStateException("a service without IPv6 configuration is never changed");
            case MANUAL -> Tools.argv("-setv6manual", service, List.of(Ips.text(Ips.parse(address)),
                    prefixLength, Ips.text(Ips.parse(router))));
            case UNKNOWN -> throw new IllegalStateException("unreachable: unknown mode is unrestorable");
        };
    }
}
