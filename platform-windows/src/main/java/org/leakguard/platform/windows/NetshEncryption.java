package org.leakguard.platform.windows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/**
 * The Windows DoH list through {@code netsh dnsclient} (REFERENCE 1.4; {@code netsh dns} is the
 * shorthand). Every value is its own argv item, and each was validated by the policy loader (an
 * IP literal, an https URL without spaces) before it gets here.
 */
final class NetshEncryption {
    static final List<String> SHOW = List.of("netsh", "dnsclient", "show", "encryption");
    private static final String HEADER = "Encryption settings for ";

    private NetshEncryption() {}

    /**
     * The list, or empty when this Windows has no DoH client: netsh then does not know the
     * command. Any other failure is an error, never an empty list.
     */
    static Optional<List<DohEntry>> read(Host host) throws IOException {
        CommandResult r = host.commands().run(new Command(SHOW, null, null));
        if (!r.ok()) {
            String said = (r.stdout() + r.stderr()).toLowerCase(java.util.Locale.ROOT);
            if (said.contains("not found") || said.contains("not recognized")) {
                return Optional.empty();
            }
            throw new IOException(String.join(" ", SHOW) + " exited " + r.exitCode() + ": " + PowerShell.firstLines(r.stdout() + r.stderr()));
        }
        return Optional.of(parse(r.stdout()));
    }

    /** Parses {@code netsh dnsclient show encryption}: one block per server. */
    static List<DohEntry> parse(String text) {
        List<DohEntry> out = new ArrayList<>();
        String server = null;
        String template = "";
        boolean upgrade = false;
        boolean fallback = false;
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith(HEADER)) {
                if (server != null) {
                    out.add(new DohEntry(server, template, upgrade, fallback));
                }
                server = Ip.text(Ip.parse(line.substring(HEADER.length())));
                template = "";
                upgrade = false;
                fallback = false;
                continue;
            }
            int colon = line.indexOf(':');
            if (server == null || colon < 0) {
                continue;
            }
            String label = line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (label.startsWith("dns-over-https template")) {
                template = value;
            } else if (label.equals("auto-upgrade")) {
                upgrade = value.equalsIgnoreCase("yes");
            } else if (label.equals("udp-fallback")) {
                fallback = value.equalsIgnoreCase("yes");
            }
        }
        if (server != null) {
            out.add(new DohEntry(server, template, upgrade, fallback));
        }
        return out;
    }

    static Optional<DohEntry> find(List<DohEntry> list, String server) {
        return list.stream().filter(e -> e.server().equals(server)).findFirst();
    }

    /** {@code add} for a new server, {@code set} for one on the list (the built-in ones are). */
    static List<String> put(DohEntry e, boolean exists) {
        return List.of("netsh", "dnsclient", exists ? "set" : "add", "encryption", "server=" + e.server(),
                "dohtemplate=" + e.template(), "autoupgrade=" + yesNo(e.autoUpgrade()), "udpfallback=" + yesNo(e.udpFallback()));
    }

    static List<String> delete(String server) {
        return List.of("netsh", "dnsclient", "delete", "encryption", "server=" + server);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
