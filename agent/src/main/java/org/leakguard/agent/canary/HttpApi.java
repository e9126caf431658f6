package org.leakguard.agent.canary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the HTTP API answers, apart from the HTTP: {@code GET /v1/observations/{id}} (the
 * resolvers that asked, 404 for an id never seen) and {@code GET /healthz} (503 when a listener
 * has stopped serving).
 */
final class HttpApi {
    private static final String PREFIX = "/v1/observations/";

    record Response(int status, Map<String, Object> body) {}

    private final Observations observations;
    private final Supplier<Health> health;

    HttpApi(Observations observations, Supplier<Health> health) {
        this.observations = observations;
        this.health = health;
    }

    Response handle(String method, String path) {
        if (!"GET".equals(method)) {
            return new Response(405, Map.of("error", "only GET"));
        }
        if (path.equals("/healthz")) {
            Health h = health.get();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", h.healthy() ? "ok" : "unhealthy");
            body.put("ids", observations.size());
            body.put("listeners", h.listeners());
            body.put("badPackets", h.badPackets());
            body.put("dnstapMessages", h.dnstapMessages());
            return new Response(h.healthy() ? 200 : 503, body);
        }
        if (path.startsWith(PREFIX)) {
            String id = path.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
            Optional<List<String>> askers = id.length() > 255 ? Optional.empty() : observations.askers(id);
            if (askers.isPresent()) {
                return new Response(200, Map.of("id", id, "resolvers", askers.get()));
            }
            return new Response(404, Map.of("error", "no query seen for id " + Text.printable(id)));
        }
        return new Response(404, Map.of("error", "not found"));
    }
}
