package org.leakguard.platform.linux;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resolvers a DHCP lease names, from the two formats Linux clients write: dhclient's lease
 * blocks (also NetworkManager's dhclient-*.lease) and the {@code DNS=} lines of systemd-networkd's
 * and NetworkManager's internal client. Only IP literals are kept, never a name. Pure.
 */
final class DhcpLeaseText {
    private static final Pattern BLOCK = Pattern.compile("(?s)\\blease(6?)\\s*\\{(.*?)\\n\\}");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+\"([^\"]*)\"\\s*;");
    private static final Pattern SERVERS = Pattern.compile("option\\s+(?:domain-name-servers|dhcp6\\.name-servers)\\s+([^;]+);");
    private static final Pattern EXPIRE = Pattern.compile("\\bexpire\\s+(?:\\d\\s+(\\d{4}/\\d{2}/\\d{2}\\s+\\d{2}:\\d{2}:\\d{2})|epoch\\s+(\\d+))");
    /** A DHCPv6 lease's addresses and prefixes: each has its own start and valid lifetime, and no expire line. */
    private static final Pattern IA_LIFE = Pattern.compile("\\b(?:iaaddr|iaprefix)\\s+\\S+\\s*\\{([^}]*)\\}");
    private static final Pattern STARTS = Pattern.compile("\\bstarts\\s+(\\d+)\\s*;");
    private static final Pattern MAX_LIFE = Pattern.compile("\\bmax-life\\s+(\\d+)\\s*;");
    /** RFC 8415: a valid lifetime of 0xffffffff is infinite. */
    private static final long INFINITE = 0xffffffffL;
    private static final Pattern KEY_DNS = Pattern.compile("^DNS=(.*)$", Pattern.MULTILINE);
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private DhcpLeaseText() {}

    /**
     * dhclient: the newest lease block of each interface and family (the client appends, so the last one),
     * less a lease that expired before {@code now}: a DHCPv4 lease at its {@code expire} line, a
     * DHCPv6 one ({@code lease6}) once the valid lifetime of every address and prefix in it ran out.
     */
    static List<String> dhclient(String text, Instant now) {
        Map<String, String> newest = new LinkedHashMap<>();
        Matcher b = BLOCK.matcher(text);
        while (b.find()) {
            Matcher i = INTERFACE.matcher(b.group(2));
            // A DHCPv6 lease does not replace the same interface's DHCPv4 one, nor the other way.
            newest.put(b.group(1) + (i.find() ? i.group(1) : ""), b.group(2));
        }
        List<String> out = new ArrayList<>();
        for (String block : newest.values()) {
            if (expired(block, now)) {
                continue;
            }
            Matcher s = SERVERS.matcher(block);
            while (s.find()) {
                literals(s.group(1), out);
            }
        }
        return out;
    }

    /** networkd's and NetworkManager's internal client: {@code DNS=a b}. */
    static List<String> keyValue(String text) {
        List<String> out = new ArrayList<>();
        Matcher k = KEY_DNS.matcher(text);
        while (k.find()) {
            literals(k.group(1), out);
        }
        return out;
    }

    private static boolean expired(String block, Instant now) {
        Matcher e = EXPIRE.matcher(block);
        if (!e.find()) {
            return expired6(block, now);
        }
        try {
            Instant at = e.group(2) != null ? Instant.ofEpochSecond(Long.parseLong(e.group(2)))
                    : LocalDateTime.parse(e.group(1), UTC_TIME).toInstant(ZoneOffset.UTC);
            return at.isBefore(now);
        } catch (DateTimeParseException | NumberFormatException x) {
            return false;
        }
    }

    /**
     * A DHCPv6 lease is over when none of its addresses or prefixes is still valid; one with none
     * (no lifetime written) is kept, as a DHCPv4 lease without an expire line is.
     */
    private static boolean expired6(String block, Instant now) {
        Matcher ia = IA_LIFE.matcher(block);
        boolean any = false;
        while (ia.find()) {
            Matcher starts = STARTS.matcher(ia.group(1));
            Matcher life = MAX_LIFE.matcher(ia.group(1));
            if (!starts.find() || !life.find()) {
                return false; // a lifetime not written cannot be said to have run out
            }
            any = true;
            try {
                long valid = Long.parseLong(life.group(1));
                if (valid >= INFINITE || !Instant.ofEpochSecond(Long.parseLong(starts.group(1)) + valid).isBefore(now)) {
                    return false;
                }
            } catch (NumberFormatException x) {
                return false;
            }
        }
        return any;
    }

    private static void literals(String list, List<String> out) {
        for (String w : list.replace("\"", " ").split("[,;\\s]+")) {
            String s = w.strip();
            if (s.isEmpty() || out.contains(s)) {
                continue;
            }
            try {
                Addresses.parseLiteral(s);
                out.add(s);
            } catch (IllegalArgumentException e) {
                // A name or a scoped address: not something a firewall element can hold.
            }
        }
    }
}
