package org.leakguard.agent.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.leakguard.agent.report.NameRouting;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A route's probe name: a fixed name the route's servers answer, asked of them directly and of
 * the system resolver (the path applications take). The same answer shows the host's resolver
 * sends the route's names to its servers; it cannot show they go nowhere else, which only a
 * route canary can, so the report says so rather than claim more than was seen.
 */
final class RouteNames {
    static final String KIND = "route-name";

    private RouteNames() {}

    /** {@code port} is 53 but for tests, whose stand-in route servers cannot take it. */
    static Probe probe(List<String> domains, List<InetAddress> servers, int port, String name, boolean canary, Duration timeout) {
        NameRouting routing = NameRouting.planned(name, domains, CanaryRule.addresses(servers));
        return new Probe(KIND, name, "the answer of " + String.join(", ", routing.allowed()), () -> {
            CompletableFuture<Answer> system = systemAnswer(name);
            Map<String, CompletableFuture<Answer>> direct = new LinkedHashMap<>();
            for (InetAddress s : servers) {
                direct.put(s.getHostAddress(), ask(new InetSocketAddress(s, port), name, timeout));
            }
            long deadline = System.nanoTime() + timeout.plusMillis(200).toNanos();
            Map<String, Answer> route = new LinkedHashMap<>();
            for (Map.Entry<String, CompletableFuture<Answer>> e : direct.entrySet()) {
                Answer a = await(e.getValue(), deadline);
                route.put(e.getKey(), a == null ? Answer.none("no answer within " + timeout.toMillis() + " ms") : a);
            }
            return judge(routing, route, await(system, deadline), canary, timeout);
        }, routing);
    }

    /**
     * Pass when the system resolver's answer is not empty and equals what one of the route's
     * servers answers; unknown when the servers gave nothing to compare with or the system
     * resolver did not finish ({@code system == null}).
     */
    static Probe.Observed judge(NameRouting routing, Map<String, Answer> route, Answer system, boolean canary, Duration timeout) {
        Map<String, List<String>> answered = new LinkedHashMap<>();
        List<String> silent = new ArrayList<>();
        route.forEach((server, a) -> {
            if (a.addresses().isEmpty()) {
                silent.add(server + ": " + a.why());
            } else {
                answered.put(server, a.addresses());
            }
        });
        NameRouting seen = routing.answers(system == null ? null : system.addresses(), answered.isEmpty() ? null : answered);
        String name = routing.name();
        if (answered.isEmpty()) {
            return new Probe.Observed("the route's servers gave no address for " + name + " (" + String.join("; ", silent)
                    + "): cannot compare; give probeName a name they answer, or check they are reachable", null, seen);
        }
        String theirs = "the route's servers answer " + shown(answered);
        if (system == null) {
            return new Probe.Observed("the system resolver did not answer " + name + " within " + timeout.toMillis() + " ms; "
                    + theirs, null, seen);
        }
        String scope = String.join(", ", routing.domains());
        String fix = "; send names under " + scope + " to " + String.join(", ", routing.allowed()) + " (spec.resolvers.routes); "
                + CanaryRule.DIAGNOSE;
        if (system.addresses().isEmpty()) {
            return new Probe.Observed("the system resolver has no address for " + name + " (" + system.why() + "), " + theirs
                    + ": names under " + scope + " do not reach the route's servers" + fix, false, seen);
        }
        String ours = "the system resolver answers " + String.join(", ", system.addresses());
        for (Map.Entry<String, List<String>> e : answered.entrySet()) {
            if (same(system.addresses(), e.getValue())) {
                return new Probe.Observed(ours + ", as " + e.getKey() + " does: the route answers " + name
                        + (canary ? "" : "; this proves the route answers, not that its names go only there (no route canary)"),
                        true, seen);
            }
        }
        return new Probe.Observed(ours + ", " + theirs + ": names under " + scope + " are answered by another resolver" + fix,
                false, seen);
    }

    /**
     * The same addresses, family by family, for each family the system resolver answered: a host
     * that asks only for IPv4 still matches a route that also has IPv6 addresses.
     */
    static boolean same(List<String> system, List<String> server) {
        for (boolean v6 : new boolean[] {false, true}) {
            Set<String> ours = family(system, v6);
            if (!ours.isEmpty() && !ours.equals(family(server, v6))) {
                return false;
            }
        }
        return !system.isEmpty();
    }

    private static Set<String> family(List<String> addresses, boolean v6) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : addresses) {
            if (a.contains(":") == v6) {
                out.add(CanaryRule.normal(a));
            }
        }
        return out;
    }

    private static String shown(Map<String, List<String>> answered) {
        List<String> parts = new ArrayList<>();
        answered.forEach((server, addresses) -> parts.add(String.join(", ", addresses) + " (" + server + ")"));
        return String.join("; ", parts);
    }

    /** A and AAAA straight to one server, both at once. */
    private static CompletableFuture<Answer> ask(InetSocketAddress server, String name, Duration timeout) {
        SimpleResolver r = new SimpleResolver(server);
        r.setTimeout(timeout);
        Name n;
        try {
            n = Name.fromString(name, Name.root);
        } catch (java.io.IOException e) {
            return CompletableFuture.completedFuture(Answer.none(Network.describe(e)));
        }
        CompletableFuture<Message> a = r.sendAsync(Message.newQuery(Record.newRecord(n, Type.A, 1))).toCompletableFuture();
        CompletableFuture<Message> aaaa = r.sendAsync(Message.newQuery(Record.newRecord(n, Type.AAAA, 1))).toCompletableFuture();
        return a.thenCombine(aaaa, RouteNames::addresses).exceptionally(e -> Answer.none(why(e)));
    }

    /** The A and AAAA records of both answers, or the response code when there are none. */
    static Answer addresses(Message a, Message aaaa) {
        List<String> out = new ArrayList<>();
        for (Message m : List.of(a, aaaa)) {
            for (Record r : m.getSection(Section.ANSWER)) {
                if (r instanceof ARecord v4) {
                    out.add(v4.getAddress().getHostAddress());
                } else if (r instanceof AAAARecord v6) {
                    out.add(v6.getAddress().getHostAddress());
                }
            }
        }
        return out.isEmpty() ? Answer.none("answered " + Rcode.string(a.getRcode()) + " with no address") : new Answer(out, null);
    }

    /** The system resolver, in a thread of its own: it cannot be interrupted and may retry for long. */
    private static CompletableFuture<Answer> systemAnswer(String name) {
        CompletableFuture<Answer> out = new CompletableFuture<>();
        Thread lookup = new Thread(() -> {
            try {
                InetAddress[] all = InetAddress.getAllByName(name);
                out.complete(new Answer(Arrays.stream(all).map(InetAddress::getHostAddress).toList(), null));
            } catch (UnknownHostException e) {
                out.complete(Answer.none(Network.describe(e)));
            }
        }, "leakguard-route-lookup");
        lookup.setDaemon(true);
        lookup.start();
        return out;
    }

    private static Answer await(CompletableFuture<Answer> f, long deadline) throws InterruptedException {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            return Answer.none(why(e.getCause()));
        }
    }

    private static String why(Throwable t) {
        Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof java.net.SocketTimeoutException || cause instanceof TimeoutException) {
            return "no answer in time";
        }
        return cause instanceof Exception e ? Network.describe(e) : String.valueOf(cause);
    }

    /** What one side answered: its addresses, or why there are none. */
    record Answer(List<String> addresses, String why) {
        Answer {
            addresses = List.copyOf(addresses);
        }

        static Answer none(String why) {
            return new Answer(List.of(), why);
        }
    }
}
