package org.leakguard.agent.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * A route's probe name: a fixed name the route's servers answer, asked of them and of the pinned
 * servers directly, and of the system resolver (the path applications take). The system's answer
 * shows the route's servers answered only when it is theirs and not the pinned servers' too; it
 * cannot show the route's names go nowhere else, which only a route canary can, so the report
 * says so rather than claim more than was seen. The name is one the admin designated for probing,
 * so the pinned servers may be asked for it.
 */
final class RouteNames {
    static final String KIND = "route-name";

    private RouteNames() {}

    /** {@code route} and {@code pinned} are on port 53 but for tests, whose stand-in servers cannot take it. */
    static Probe probe(List<String> domains, List<InetSocketAddress> route, List<InetSocketAddress> pinned, String name,
            boolean canary, SystemResolver system, Duration timeout) {
        List<InetAddress> servers = route.stream().map(InetSocketAddress::getAddress).toList();
        NameRouting routing = NameRouting.planned(name, domains, CanaryRule.addresses(servers));
        return new Probe(KIND, name, "the answer of " + String.join(", ", routing.allowed()), () -> {
            Optional<String> hosts = system.hostsFileListing(name);
            if (hosts.isPresent()) {
                return new Probe.Observed(hosts.get() + " lists " + name + ": the host answers it from there, not from DNS, so"
                        + " where names under " + String.join(", ", domains) + " go cannot be told; give probeName a name the"
                        + " hosts file does not list", null, routing);
            }
            CompletableFuture<Answer> ours = systemAnswer(system, name);
            Map<String, CompletableFuture<Answer>> theirs = askEach(route, name, timeout);
            Map<String, CompletableFuture<Answer>> pinnedAsked = askEach(pinned, name, timeout);
            long deadline = System.nanoTime() + timeout.plusMillis(200).toNanos();
            return judge(routing, collect(theirs, deadline, timeout), collect(pinnedAsked, deadline, timeout), await(ours, deadline),
                    canary, timeout);
        }, routing);
    }

    /**
     * Pass when the system resolver's answer is not empty, equals what one of the route's servers
     * answers, and differs from what every pinned server answers (no address counts as different).
     * Unknown when the route's servers gave nothing to compare with, the system resolver did not
     * finish ({@code system == null}), or a pinned server answers the same or does not answer.
     */
    static Probe.Observed judge(NameRouting routing, Map<String, Answer> route, Map<String, Answer> pinned, Answer system,
            boolean canary, Duration timeout) {
        Map<String, List<String>> answered = new LinkedHashMap<>();
        List<String> silent = new ArrayList<>();
        route.forEach((server, a) -> {
            if (a.addresses().isEmpty()) {
                silent.add(server + ": " + a.why());
            } else {
                answered.put(server, a.addresses());
            }
        });
        Map<String, List<String>> pinnedReplies = new LinkedHashMap<>();
        pinned.forEach((server, a) -> {
            if (a.replied()) {
                pinnedReplies.put(server, a.addresses());
            }
        });
        NameRouting seen = routing.answers(system == null ? null : system.addresses(), answered.isEmpty() ? null : answered,
                pinned.isEmpty() ? null : pinnedReplies);
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
                return againstPinned(ours + ", as " + e.getKey() + " does", name, pinned, system, canary, seen);
            }
        }
        return new Probe.Observed(ours + ", " + theirs + ": names under " + scope + " are answered by another resolver" + fix,
                false, seen);
    }

    /**
     * The route's answer reached the system, unless a pinned server gives it too: then either
     * could have answered, and a pinned server that does not answer cannot be ruled out.
     */
    private static Probe.Observed againstPinned(String match, String name, Map<String, Answer> pinned, Answer system,
            boolean canary, NameRouting seen) {
        List<String> alike = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        List<String> other = new ArrayList<>();
        pinned.forEach((server, a) -> {
            if (!a.replied()) {
                silent.add(server + " (" + a.why() + ")");
            } else if (same(system.addresses(), a.addresses())) {
                alike.add(server);
            } else {
                other.add(server + (a.addresses().isEmpty() ? " " + a.why() : " answers " + String.join(", ", a.addresses())));
            }
        });
        if (!alike.isEmpty()) {
            return new Probe.Observed(match + ", but the pinned " + String.join(", ", alike) + " answers the same: cannot tell"
                    + " which one answered " + name + "; give probeName a name only the route's servers answer", null, seen);
        }
        if (!silent.isEmpty()) {
            return new Probe.Observed(match + ", and the pinned " + String.join(", ", silent) + " did not answer it when asked"
                    + " directly: cannot tell whether it answers the same", null, seen);
        }
        return new Probe.Observed(match + (other.isEmpty() ? "" : ", the pinned " + String.join("; ", other)) + ": the route answers "
                + name + (canary ? "" : "; this proves the route answers, not that its names go only there (no route canary)"),
                true, seen);
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

    private static Map<String, CompletableFuture<Answer>> askEach(List<InetSocketAddress> servers, String name, Duration timeout) {
        Map<String, CompletableFuture<Answer>> out = new LinkedHashMap<>();
        for (InetSocketAddress s : servers) {
            out.put(s.getAddress().getHostAddress(), ask(s, name, timeout));
        }
        return out;
    }

    private static Map<String, Answer> collect(Map<String, CompletableFuture<Answer>> asked, long deadline, Duration timeout)
            throws InterruptedException {
        Map<String, Answer> out = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<Answer>> e : asked.entrySet()) {
            Answer a = await(e.getValue(), deadline);
            out.put(e.getKey(), a == null ? Answer.none("no answer within " + timeout.toMillis() + " ms") : a);
        }
        return out;
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
        return out.isEmpty() ? Answer.empty("answered " + Rcode.string(a.getRcode()) + " with no address") : new Answer(out, null);
    }

    /** The system resolver, in a thread of its own: it cannot be interrupted and may retry for long. */
    private static CompletableFuture<Answer> systemAnswer(SystemResolver system, String name) {
        CompletableFuture<Answer> out = new CompletableFuture<>();
        Thread lookup = new Thread(() -> out.complete(system.resolve(name)), "leakguard-route-lookup");
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

    /**
     * What one side answered: its addresses, or why there are none.
     *
     * @param replied whether a response came at all: NXDOMAIN or an empty answer is a reply
     */
    record Answer(List<String> addresses, String why, boolean replied) {
        Answer {
            addresses = List.copyOf(addresses);
        }

        Answer(List<String> addresses, String why) {
            this(addresses, why, true);
        }

        /** No response: silence, or the lookup failed. */
        static Answer none(String why) {
            return new Answer(List.of(), why, false);
        }

        /** A response with no address in it. */
        static Answer empty(String why) {
            return new Answer(List.of(), why, true);
        }
    }
}
