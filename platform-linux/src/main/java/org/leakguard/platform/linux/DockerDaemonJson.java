package org.leakguard.platform.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** dockerd's /etc/docker/daemon.json and command line, parsed apart from any I/O. */
final class DockerDaemonJson {
    static final String DNS = "dns";

    private DockerDaemonJson() {}

    /** The file's top-level object; an absent or blank file is an empty one, as dockerd reads it. */
    static ObjectNode parse(String text) throws BrowserJson.Invalid {
        return text == null || text.isBlank() ? BrowserJson.newObject() : BrowserJson.parseObject(text);
    }

    /** The {@code dns} list, or empty when the key is absent or not a list of strings. */
    static Optional<List<String>> dns(ObjectNode daemon) {
        JsonNode dns = daemon.get(DNS);
        if (dns == null || !dns.isArray()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : dns) {
            if (!n.isTextual()) {
                return Optional.empty();
            }
            out.add(n.asText());
        }
        return Optional.of(out);
    }

    /** The file with {@code dns} set to {@code servers}; every other key stays where it was. */
    static String withDns(ObjectNode daemon, List<String> servers) {
        ObjectNode copy = daemon.deepCopy();
        ArrayNode list = copy.putArray(DNS);
        servers.forEach(list::add);
        return BrowserJson.render(copy);
    }

    /** The values of {@code --dns} flags on a dockerd command line ({@code --dns X} or {@code --dns=X}). */
    static List<String> dnsFlags(List<String> argv) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.startsWith("--dns=")) {
                out.add(a.substring("--dns=".length()));
            } else if (a.equals("--dns") && i + 1 < argv.size()) {
                out.add(argv.get(++i));
            }
        }
        return out;
    }

    /** A /proc/PID/cmdline: NUL-separated arguments. */
    static List<String> parseCmdline(byte[] raw) {
        String s = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(List.of(s.split("\0")));
        out.removeIf(String::isEmpty);
        return out;
    }

    /** {@code live-restore: true} keeps containers running while dockerd restarts. */
    static boolean liveRestore(ObjectNode daemon) {
        return daemon.path("live-restore").asBoolean(false);
    }
}
