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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.leakguard.agent.policy.Canary;
import org.leakguard.agent.report.NameRouting;

/**
 * The canary: a fresh name resolved through the system resolver (the path applications take),
 * then every canary authority asked, in parallel, which resolvers fetched it.
 */
final class Canaries {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Canaries() {}

    /** The general canary: its names must reach only {@code rule}'s resolvers. */
    static Probe probe(Canary canary, CanaryRule rule, Duration timeout) {
        return probe("canary", canary, rule, timeout);
    }

    static Probe probe(String kind, Canary canary, CanaryRule rule, Duration timeout) {
        String id = Ids.random(20);
        String name = id + "." + canary.domain();
        NameRouting routing = NameRouting.planned(name, rule.domains(), rule.allowed());
        return new Probe(kind, name, "only " + rule.allowed(), () -> {
            // Asked at once, for a name outside the canary's zone, so the authority never sees it.
            CompletableFuture<Boolean> serversAnswer = Network.anyAnswers(rule.servers(), 53,
                    Ids.random(16) + ".leakguard-probe.invalid", timeout);
            resolveWithin(name, timeout);
            List<String> urls = canary.api().stream().map(api -> api.replace("{id}", id)).toList();
            return combine(urls, askAll(urls, id, timeout), rule, routing, serversAnswer);
        }, routing);
    }

    /**
     * The answers of every canary API, asked at once and each bounded by {@code timeout}: the
     * resolvers it saw, or the exception that kept it from answering.
     */
    private static List<CompletableFuture<List<String>>> askAll(List<String> urls, String id, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        return urls.stream().map(url -> http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(resp -> {
                    try {
                        return observations(url, id, resp);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).orTimeout(timeout.toMillis() + 100, TimeUnit.MILLISECONDS)).toList();
    }

    /**
     * The union of what the authorities that answered saw, judged; unknown only when none
     * answered. With several authorities the report names which answered and which did not.
     */
    static Probe.Observed combine(List<String> urls, List<CompletableFuture<List<String>>> answers, CanaryRule rule,
            NameRouting routing, CompletableFuture<Boolean> serversAnswer) {
        Set<String> askers = new LinkedHashSet<>();
        List<String> answered = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            try {
                askers.addAll(answers.get(i).join());
                answered.add(authority(urls.get(i)));
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                silent.add(authority(urls.get(i)) + " (" + why(e.getCause() == null ? e : e.getCause()) + ")");
            }
        }
        if (answered.isEmpty()) {
            return new Probe.Observed("canary API unreachable: " + String.join("; ", silent), null);
        }
        Probe.Observed judged = rule.judge(new ArrayList<>(askers), !askers.isEmpty() || serversAnswer.join());
        String which = urls.size() == 1 ? "" : "; canary APIs answered: " + String.join(", ", answered)
                + (silent.isEmpty() ? "" : "; not answered: " + String.join(", ", silent));
        return new Probe.Observed(judged.what() + which, judged.passed(), routing.askedBy(new ArrayList<>(askers)));
    }

    private static String why(Throwable t) {
        if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        if (t instanceof java.net.ConnectException) {
            return "connection refused or unreachable";
        }
        Throwable cause = t instanceof java.io.UncheckedIOException ? t.getCause() : t;
        return cause.getMessage() == null ? "no answer" : cause.getMessage();
    }

    /** host:port of a canary API URL, which is how the report names it. */
    private static String authority(String url) {
        String a = URI.create(url).getRawAuthority();
        return a == null ? url : a;
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

    private static List<String> observations(String url, String id, HttpResponse<String> resp) throws java.io.IOException {
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
}
