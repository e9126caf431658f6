package org.leakguard.agent.policy;

import java.net.InetAddress;
import java.util.List;

/**
 * What {@code resolvers.routes} must satisfy: names, not patterns; resolver addresses; probe and
 * canary names under the route; and no name that two routes could both claim, since the OS
 * picks one of them silently (the longest match on Linux and Windows, the lowest order on macOS).
 */
final class RouteRules {
    private static final String KEY = "spec.resolvers.routes";

    private RouteRules() {}

    static void check(List<Route> routes, List<InetAddress> pinned, Verify verify) {
        for (int i = 0; i < routes.size(); i++) {
            route(KEY + "[" + i + "]", routes.get(i), pinned, verify);
        }
        Canary general = verify == null ? null : verify.canary();
        if (general != null && general.domain() != null) {
            for (int i = 0; i < routes.size(); i++) {
                if (routes.get(i).covers(general.domain())) {
                    throw new InvalidSetting("spec.verify.canary.domain", Checks.quote(general.domain()) + " is under "
                            + KEY + "[" + i + "], so its queries would go to the route's servers; the general canary"
                            + " proves where the other names go: use a domain outside every route, or give the route"
                            + " its own canary");
                }
            }
        }
        for (int i = 0; i < routes.size(); i++) {
            for (int j = i + 1; j < routes.size(); j++) {
                apart(i, routes.get(i), j, routes.get(j));
            }
        }
    }

    private static void route(String key, Route r, List<InetAddress> pinned, Verify verify) {
        if (r.domains().isEmpty()) {
            throw new InvalidSetting(key + ".domains", "missing; list the names this route serves, e.g. [corp.example]");
        }
        if (r.servers().isEmpty()) {
            throw new InvalidSetting(key + ".servers", "missing; list the resolvers that answer the route's names,"
                    + " e.g. [10.1.2.53]");
        }
        Checks.domainNames(key + ".domains", r.domains());
        for (int i = 0; i < r.domains().size(); i++) {
            if (r.domains().indexOf(r.domains().get(i)) != i) {
                throw new InvalidSetting(key + ".domains[" + i + "]", Checks.quote(r.domains().get(i))
                        + " is listed twice; list each domain once");
            }
        }
        Checks.resolverAddresses(key + ".servers", r.servers());
        if (r.probeName() != null) {
            under(key + ".probeName", r.probeName(), r);
        }
        if (r.canary() != null) {
            Checks.domainName(key + ".canary.domain", r.canary().domain());
            under(key + ".canary.domain", Route.normal(r.canary().domain()), r);
            Checks.canaryApis(key + ".canary.api", r.canary().api());
            Checks.hostAddresses(key + ".canary.expect", r.canary().expect(), "a resolver the canary may see");
        }
        // A server in both places would make "which names went where" unanswerable.
        disjoint(key + ".servers", r.servers(), pinned, "spec.resolvers.servers", "a route's names must go to"
                + " other resolvers than the rest, or no check can tell where a name went; drop the route if the pinned"
                + " resolvers answer its names");
        if (verify != null) {
            disjoint(key + ".servers", r.servers(), verify.forbidden(), "spec.verify.forbidden",
                    "a resolver cannot be both routed to and forbidden");
            if (r.canary() != null) {
                disjoint(key + ".canary.expect", r.canary().expect(), verify.forbidden(), "spec.verify.forbidden",
                        "the canary cannot expect a forbidden resolver");
            }
            if (verify.canary() != null) {
                disjoint("spec.verify.canary.expect", verify.canary().expect(), r.servers(), key + ".servers",
                        "the general canary proves that other names never reach the route's servers");
            }
        }
    }

    /** Refuses the first address of {@code list} that {@code other} also holds. */
    private static void disjoint(String key, List<InetAddress> list, List<InetAddress> other, String otherKey, String why) {
        for (int i = 0; i < list.size(); i++) {
            if (other.contains(list.get(i))) {
                throw new InvalidSetting(key + "[" + i + "]", Checks.shown(list.get(i)) + " is also in " + otherKey + "; " + why);
            }
        }
    }

    private static void under(String key, String name, Route r) {
        Checks.domainName(key, name);
        if (!r.covers(name)) {
            throw new InvalidSetting(key, Checks.quote(name) + " is not under the route's domains "
                    + r.domains() + "; use a name the route's servers answer, e.g. probe." + r.domains().get(0));
        }
    }

    private static void apart(int i, Route a, int j, Route b) {
        for (String da : a.domains()) {
            for (String db : b.domains()) {
                if (Route.within(da, db) || Route.within(db, da)) {
                    String key = KEY + "[" + j + "].domains[" + b.domains().indexOf(db) + "]";
                    throw new InvalidSetting(key, Checks.quote(db) + " overlaps " + Checks.quote(da) + " of "
                            + KEY + "[" + i + "]; a name may belong to one route only, so merge the two routes"
                            + " or drop one of the domains");
                }
            }
        }
    }
}
