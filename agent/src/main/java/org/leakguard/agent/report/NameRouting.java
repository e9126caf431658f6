package org.leakguard.agent.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a probed name went, so a report shows split DNS at work rather than only a verdict.
 *
 * @param domains the route the name is under; empty for a name outside every route (the pinned resolvers')
 * @param allowed the resolvers the name may reach
 * @param askedBy for a canary, the resolvers its authority saw ask; absent when no authority answered
 * @param systemAnswer for a probe name, the addresses the system resolver gave; absent when it did not finish
 * @param routeAnswers for a probe name, each route server's addresses when asked directly; absent where it gave none
 */
@JsonPropertyOrder({"name", "domains", "allowed", "askedBy", "systemAnswer", "routeAnswers"})
public record NameRouting(String name, List<String> domains, List<String> allowed,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> askedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> systemAnswer,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, List<String>> routeAnswers) {

    public NameRouting {
        domains = List.copyOf(domains);
        allowed = List.copyOf(allowed);
        askedBy = askedBy == null ? null : List.copyOf(askedBy);
        systemAnswer = systemAnswer == null ? null : List.copyOf(systemAnswer);
        routeAnswers = routeAnswers == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(routeAnswers));
    }

    /** Before the probe ran: the name and where it may go. */
    public static NameRouting planned(String name, List<String> domains, List<String> allowed) {
        return new NameRouting(name, domains, allowed, null, null, null);
    }

    public NameRouting askedBy(List<String> askers) {
        return new NameRouting(name, domains, allowed, askers, systemAnswer, routeAnswers);
    }

    public NameRouting answers(List<String> system, Map<String, List<String>> route) {
        return new NameRouting(name, domains, allowed, askedBy, system, route);
    }
}
