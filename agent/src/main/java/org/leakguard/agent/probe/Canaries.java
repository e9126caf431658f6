package org.leakguard.agent.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.policy.Canary;

/**
 * The canary: a fresh name resolved through the system resolver (the path applications take),
 * then the canary authority asked which resolvers fetched it.
 */
final class Canaries {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Canaries() {}

    static Probe probe(Canary canary, List<InetAddress> expect, Duration timeout) {
        String id = Ids.random(20);
        String name = id + "." + canary.domain();
        return new Probe("canary", name, "only " + addresses(expect), () -> {
            resolveWithin(name, timeout);
            List<String> askers;
            try {
                askers = observations(canary.api().replace("{id}", id), id, timeout);
            } catch (Exception e) {
                return new Probe.Observed("canary API unreachable: " + Network.describe(e), null);
            }
            return judge(askers, expect);
        });
    }

    /** Pass only when at least one resolver asked and every one is expected. */
    static Probe.Observed judge(List<String> askers, List<InetAddress> expect) {
        List<String> allowed = addresses(expect);
        if (askers.isEmpty()) {
            return new Probe.Observed("no resolver reached the canary authority", false);
        }
        List<String> leaks = new ArrayList<>();
        for (String a : askers) {
            if (!allowed.contains(normal(a))) {
                leaks.add(a);
            }
        }
        String seen = "asked by " + String.join(", ", askers);
        return leaks.isEmpty() ? new Probe.Observed(seen, true) : new Probe.Observed(seen + "; not allowed: " + String.join(", ", leaks), false);
    }

    /**
     * The system resolver cannot be interrupted and may retry for many seconds; after the timeout
     * the authority is asked anyway, since whichever resolvers were reached have asked it by then.
     */
    private static void resolveWithin(String name, Duration timeout) throws InterruptedException {
        Thread lookup = new Thread(() -> resolve(name), "leakguard-canary-lookup");
        lookup.setDaemon(true);
        lookup.start();
        lookup.join(timeout.toMillis());
    }

    private static void resolve(String name) {
        try {
            InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            // An unanswered name still reached whichever resolvers it reached: the authority says which.
        }
    }

    private static List<String> observations(String url, String id, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() == 404) {
            return List.of();
        }
        if (resp.statusCode() != 200) {
            throw new java.io.IOException("HTTP " + resp.statusCode() + " from " + url);
        }
        JsonNode body = JSON.readTree(resp.body());
        if (!id.equals(body.path("id").asText())) {
            throw new java.io.IOException("the canary answered for another id: " + body.path("id").asText());
        }
        List<String> out = new ArrayList<>();
        body.path("resolvers").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> addresses(List<InetAddress> list) {
        return list.stream().map(InetAddress::getHostAddress).map(Canaries::normal).toList();
    }

    /** One spelling per address, so "2001:db8::53" and "2001:db8:0:0:0:0:0:53" compare equal. */
    private static String normal(String literal) {
        try {
            return org.xbill.DNS.Address.getByAddress(literal).getHostAddress();
        } catch (UnknownHostException e) {
            return literal;
        }
    }
}
