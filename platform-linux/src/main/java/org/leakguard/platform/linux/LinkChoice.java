package org.leakguard.platform.linux;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.json.Trees;

/**
 * Which link reaches a server, from {@code ip -j route get}, and the links' names by index, from
 * {@code ip -j link show}, and which of them are up. resolved sends a link's queries out of that link only (it binds the
 * socket to it), so a route's servers belong on the link the kernel's route takes. Pure.
 */
final class LinkChoice {
    static final List<String> LINKS = List.of("ip", "-j", "link", "show");
    private static final JsonFactory JSON = new JsonFactory();

    private LinkChoice() {}

    static List<String> routeGet(String address) {
        return List.of("ip", "-j", "route", "get", address);
    }

    /** The {@code dev} of the first route; empty when the kernel names none (a local or blackhole route). */
    static Optional<String> parseRouteGet(String json) throws IOException {
        JsonNode root = array(json, "route get");
        return root.isEmpty() || !root.get(0).hasNonNull("dev") ? Optional.empty() : Optional.of(root.get(0).get("dev").asText());
    }

    /** Index to name, in the kernel's order. */
    static Map<Integer, String> parseLinks(String json) throws IOException {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (JsonNode l : array(json, "link show")) {
            if (l.has("ifindex") && l.has("ifname")) {
                out.put(l.get("ifindex").asInt(), l.get("ifname").asText());
            }
        }
        return out;
    }

    /**
     * Each link's name and whether it is up: administratively up and with carrier ({@code UP} and
     * {@code LOWER_UP}), as a DHCP client needs it to hold a lease. Not operstate: a bridge with no
     * port reads {@code UNKNOWN} and still carries traffic.
     */
    static Map<String, Boolean> parseUp(String json) throws IOException {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (JsonNode l : array(json, "link show")) {
            if (l.has("ifname")) {
                List<String> flags = new java.util.ArrayList<>();
                l.path("flags").forEach(f -> flags.add(f.asText()));
                out.put(l.get("ifname").asText(), flags.contains("UP") && flags.contains("LOWER_UP"));
            }
        }
        return out;
    }

    private static JsonNode array(String json, String what) throws IOException {
        JsonNode root;
        try (JsonParser p = JSON.createParser(json)) {
            root = Trees.read(p);
        }
        if (root == null || !root.isArray()) {
            throw new IOException("not ip -j " + what + " output: no JSON array");
        }
        return root;
    }
}
