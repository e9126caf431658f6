package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;

/**
 * Routing by domain as systemd-resolved holds it: which names each link's servers get (its
 * routing-only and search domains) and which scopes take every other name. From
 * {@code resolvectl status}; the parsing is pure.
 */
final class DiagnosisRouting {
    static final String TOPIC = "routing by domain";

    private DiagnosisRouting() {}

    static Diagnosis run(Host host) throws IOException {
        if (host.offline()) {
            return new Diagnosis(TOPIC, Finding.Severity.INFO, "not read: per-link routing is runtime state of a running"
                    + " systemd-resolved, and an offline image has none", List.of());
        }
        CommandResult r;
        try {
            r = host.commands().run(new Command(DiagnosisLinks.RESOLVECTL, null, null));
        } catch (IOException e) {
            return none("no resolvectl (" + e.getMessage() + ")");
        }
        if (!r.ok()) {
            return none("resolvectl status exited " + r.exitCode() + ": " + r.stderr().strip());
        }
        return of(parse(r.stdout()));
    }

    private static Diagnosis none(String why) {
        return new Diagnosis(TOPIC, Finding.Severity.INFO, "systemd-resolved does not answer, so no name is routed by domain"
                + " here: every name goes to the resolv.conf servers", List.of(why));
    }

    /** The verdict: which domains go to which link's servers, and where every other name goes. */
    static Diagnosis of(List<ResolvedScope> scopes) {
        List<String> evidence = new ArrayList<>();
        List<String> routed = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (ResolvedScope s : scopes) {
            String route = Boolean.TRUE.equals(s.defaultRoute()) ? "default route" : Boolean.FALSE.equals(s.defaultRoute())
                    ? "not a default route" : "default route not printed";
            evidence.add(s.name() + ": domains " + s.domains() + ", servers " + s.servers() + ", " + route);
            if (!s.routed().isEmpty() && !s.servers().isEmpty()) {
                routed.add(s.routed() + " -> " + s.name() + " " + s.servers());
            }
            if (s.domains().contains("~.") || (Boolean.TRUE.equals(s.defaultRoute()) && !s.servers().isEmpty())) {
                rest.add(s.name() + " " + s.servers());
            }
        }
        String summary = routed.isEmpty()
                ? "no name is routed by domain: no link has a routing or search domain with servers"
                : "names routed by domain: " + String.join("; ", routed);
        if (!rest.isEmpty()) {
            summary += "; every other name: " + String.join(", ", rest);
        }
        return new Diagnosis(TOPIC, Finding.Severity.INFO, summary, evidence);
    }

    /** Each "Global" or "Link N (name)" section; a label may be printed with or without its colon, and lists wrap. */
    static List<ResolvedScope> parse(String text) {
        List<ResolvedScope> out = new ArrayList<>();
        Section current = null;
        List<String> continued = null;
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (!line.startsWith(" ") && (s.equals("Global") || s.startsWith("Link "))) {
                if (current != null) {
                    out.add(current.scope());
                }
                current = new Section(s);
                continued = null;
            } else if (current == null || s.isEmpty()) {
                continued = null;
            } else if (labelled(s, "DNS Servers")) {
                continued = current.servers;
                words(after(s, "DNS Servers"), continued);
            } else if (labelled(s, "DNS Domain")) {
                continued = current.domains;
                words(after(s, "DNS Domain"), continued);
            } else if (labelled(s, "Default Route")) {
                current.defaultRoute = after(s, "Default Route").strip().equals("yes");
                continued = null;
            } else if (labelled(s, "Protocols")) {
                String p = after(s, "Protocols");
                current.defaultRoute = p.contains("+DefaultRoute") ? Boolean.TRUE : p.contains("-DefaultRoute") ? Boolean.FALSE
                        : current.defaultRoute;
                continued = null;
            } else if (continued != null && !s.matches("[A-Za-z][A-Za-z .-]*:( .*)?")) {
                words(s, continued);
            } else {
                continued = null;
            }
        }
        if (current != null) {
            out.add(current.scope());
        }
        return out;
    }

    private static boolean labelled(String s, String label) {
        return s.startsWith(label + ":") || s.startsWith(label + " ");
    }

    private static String after(String s, String label) {
        String rest = s.substring(label.length());
        return rest.startsWith(":") ? rest.substring(1) : rest;
    }

    private static void words(String text, List<String> into) {
        for (String w : text.strip().split("\\s+")) {
            if (!w.isEmpty()) {
                into.add(w);
            }
        }
    }

    /** A section being read. */
    private static final class Section {
        final String name;
        final List<String> servers = new ArrayList<>();
        final List<String> domains = new ArrayList<>();
        Boolean defaultRoute;

        Section(String name) {
            this.name = name;
        }

        ResolvedScope scope() {
            return new ResolvedScope(name, servers, domains, defaultRoute);
        }
    }
}
