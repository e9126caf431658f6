package org.leakguard.platform.linux;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.json.Trees;
import org.leakguard.agent.spi.Finding;

/**
 * The captive-portal window in the kernel: the {@code portal4}/{@code portal6} sets of leakguard's
 * table, whose elements carry a timeout so the kernel drops them even if no agent ever runs
 * again, and, where leakguard's policy-routing layer blocks DNS, rules of priority
 * {@link RouteRules#PORTAL} that let DNS to the same addresses past it.
 */
final class PortalSets {
    static final List<String> SETS = List.of(FirewallRules.PORTAL4, FirewallRules.PORTAL6);
    private static final JsonFactory JSON = new JsonFactory();

    private PortalSets() {}

    static List<String> list(String set) {
        return List.of("nft", "-j", "list", "set", WantedTable.FAMILY, WantedTable.NAME, set);
    }

    /** The elements of one set in {@code nft -j list set} output, each with the instant it closes. */
    static List<PortalImage.Element> parse(String json, Instant now) throws IOException {
        JsonNode root;
        try (JsonParser p = JSON.createParser(json)) {
            root = Trees.read(p);
        }
        List<PortalImage.Element> out = new ArrayList<>();
        for (JsonNode item : root == null ? List.<JsonNode>of() : iterable(root.path("nftables"))) {
            for (JsonNode e : iterable(item.path("set").path("elem"))) {
                JsonNode elem = e.path("elem");
                String address = elem.isMissingNode() ? e.asText() : elem.path("val").asText();
                long left = elem.path("expires").asLong(0);
                // nft counts whole seconds: no finer instant is known, and none is claimed.
                out.add(new PortalImage.Element(Addresses.text(Addresses.parseLiteral(address)),
                        now.plusSeconds(left).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
            }
        }
        return out;
    }

    private static List<JsonNode> iterable(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    /** One nft transaction: both sets emptied, then each address added with what is left of its time. */
    static String script(List<PortalImage.Element> elements, Instant now) {
        StringBuilder out = new StringBuilder();
        SETS.forEach(s -> out.append("flush set ").append(WantedTable.QUALIFIED).append(' ').append(s).append('\n'));
        for (PortalImage.Element e : elements) {
            // Rounded up: the kernel must not close an element before the instant the journal names.
            long millis = Duration.between(now, Instant.parse(e.closes())).toMillis();
            long left = (millis + 999) / 1000;
            if (millis > 0) {
                boolean v6 = Addresses.isV6(Addresses.parseLiteral(e.address()));
                out.append("add element ").append(WantedTable.QUALIFIED).append(' ')
                        .append(v6 ? FirewallRules.PORTAL6 : FirewallRules.PORTAL4)
                        .append(" { ").append(e.address()).append(" timeout ").append(left).append("s }\n");
            }
        }
        return out.toString();
    }

    /** The window now: both sets, and its policy-routing rules (none where ip cannot list them). */
    static PortalImage read(Host host) throws IOException {
        Instant now = host.clock().instant();
        List<PortalImage.Element> elements = new ArrayList<>();
        for (String set : SETS) {
            CommandResult r = host.commands().run(new Command(list(set), null, null));
            if (r.ok()) {
                elements.addAll(parse(r.stdout(), now));
            } else if (!absent(r)) {
                throw new IOException(String.join(" ", list(set)) + " exited " + r.exitCode() + ": " + r.stderr().strip());
            }
        }
        return new PortalImage(elements, routes(host));
    }

    /** The addresses the window holds open now, from the sets alone; none where nft cannot list them. */
    static List<String> open(Host host) throws IOException {
        List<String> out = new ArrayList<>();
        for (String set : SETS) {
            CommandResult r = host.commands().run(new Command(list(set), null, null));
            if (r.ok()) {
                parse(r.stdout(), host.clock().instant()).forEach(e -> out.add(e.address()));
            }
        }
        return out;
    }

    /** No table, or no such set in it: the window holds nothing (a rollback or a flush took the table away). */
    private static boolean absent(CommandResult r) {
        return r.stderr().contains("No such file or directory");
    }

    /** Puts the window as {@code image} says: the sets' elements that still have time, and its routing rules. */
    static void restore(Host host, PortalImage image) throws IOException {
        // Nothing to empty where the table is gone; an element to put back needs it, and fails without.
        if (!image.elements().isEmpty() || FirewallObserve.nft(host).kind() == FirewallState.Kind.PRESENT) {
            check(host, new Command(FirewallControl.LOAD, script(image.elements(), host.clock().instant()), null));
        }
        List<RouteRule> now = routes(host);
        for (boolean v6 : new boolean[] {false, true}) {
            String batch = RouteRules.batch(RouteRules.family(now, v6), RouteRules.family(image.routes(), v6));
            if (!batch.isEmpty()) {
                check(host, new Command(v6 ? RouteRules.BATCH6 : RouteRules.BATCH4, batch, null));
            }
        }
    }

    /** The window's rules for {@code addresses}, in each family where leakguard's layer blocks 53. */
    static List<RouteRule> routesFor(Host host, List<String> addresses) throws IOException {
        List<RouteRule> out = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            CommandResult r = host.commands().run(new Command(v6 ? RouteRules.LIST6 : RouteRules.LIST4, null, null));
            boolean blocks = r.ok() && RouteRules.parse(r.stdout(), v6).stream()
                    .anyMatch(x -> x.action().equals("prohibit") && x.dport() == 53);
            if (!blocks) {
                continue;
            }
            for (String a : addresses) {
                if (Addresses.isV6(Addresses.parseLiteral(a)) == v6) {
                    for (String proto : List.of("udp", "tcp")) {
                        out.add(new RouteRule(v6, RouteRules.PORTAL, a, null, proto, 53, "goto " + RouteRules.AFTER));
                    }
                }
            }
        }
        return out;
    }

    private static List<RouteRule> routes(Host host) throws IOException {
        List<RouteRule> out = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            CommandResult r = host.commands().run(new Command(v6 ? RouteRules.LIST6 : RouteRules.LIST4, null, null));
            if (r.ok()) {
                out.addAll(RouteRules.parsePortal(r.stdout(), v6));
            }
        }
        return out;
    }

    /** For check and the report: which addresses the window holds open, read from the table just listed. */
    static void report(FirewallState nft, List<Finding> findings) {
        if (nft == null || nft.table() == null) {
            return;
        }
        List<String> open = new ArrayList<>();
        for (String set : SETS) {
            NftSet s = nft.table().sets().get(set);
            if (s != null) {
                open.addAll(TableCheck.text(s.elements()));
            }
        }
        if (!open.isEmpty()) {
            findings.add(Finding.info("captive-portal window open: DNS (53) to " + open + " is let through until the"
                    + " kernel drops each address at its timeout (`agent portal status` shows when)"));
        }
    }

    static String check(Host host, Command c) throws IOException {
        CommandResult r = host.commands().run(c);
        if (!r.ok()) {
            throw new IOException(String.join(" ", c.argv()) + " exited " + r.exitCode() + ": " + r.stderr().strip());
        }
        return r.stdout();
    }
}
