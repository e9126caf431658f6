package org.leakguard.platform.windows;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns {@code ipconfig /all} output into the adapters a fake serves, so the controls are tested
 * against adapter sets real machines had. ipconfig shows no GUID or index: both are numbered in
 * the order the adapters appear. Tests only; the agent reads adapters through GetAdaptersAddresses.
 */
final class Ipconfig {
    private Ipconfig() {}

    static List<Adapter> parse(String text) {
        List<Adapter> out = new ArrayList<>();
        Block b = null;
        String last = "";
        for (String line : text.replace("\r", "").split("\n")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.contains(" adapter ") && line.strip().endsWith(":")) {
                if (b != null) {
                    out.add(b.adapter(out.size() + 1));
                }
                b = new Block(line.strip());
                last = "";
                continue;
            }
            if (b == null || line.isBlank()) {
                continue;
            }
            int dots = line.indexOf(" : ");
            if (dots > 0 && line.substring(0, dots).contains(". ")) {
                last = line.substring(0, dots).replaceAll("[ .]+$", "").strip().toLowerCase(Locale.ROOT);
                b.field(last, line.substring(dots + 3).strip());
            } else if (dots < 0 && line.startsWith("        ")) {
                b.field(last, line.strip());
            }
        }
        if (b != null) {
            out.add(b.adapter(out.size() + 1));
        }
        return out;
    }

    /** One adapter's lines; continuation lines add to the field above them. */
    private static final class Block {
        final String header;
        boolean down;
        String description = "";
        final List<InetAddress> dns = new ArrayList<>();
        final List<InetAddress> addresses = new ArrayList<>();

        Block(String header) {
            this.header = header;
        }

        void field(String name, String value) {
            if (value.isEmpty()) {
                return;
            }
            if (name.equals("media state")) {
                down = value.toLowerCase(Locale.ROOT).contains("disconnected");
            } else if (name.equals("description")) {
                description = value;
            } else if (name.equals("dns servers")) {
                dns.add(Ip.parse(value));
            } else if (name.endsWith("ipv4 address") || name.endsWith("ipv6 address") || name.equals("ip address")) {
                addresses.add(Ip.parse(value));
            }
        }

        Adapter adapter(int n) {
            String alias = header.substring(header.indexOf(" adapter ") + " adapter ".length(), header.length() - 1);
            int type = header.startsWith("Tunnel") ? Adapter.TUNNEL : header.startsWith("Wireless") ? 71 : 6;
            String guid = String.format("{00000000-0000-4000-8000-%012d}", n);
            return new Adapter(guid, alias, description, n, type, !down, dns, addresses);
        }
    }
}
