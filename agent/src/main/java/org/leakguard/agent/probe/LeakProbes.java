package org.leakguard.agent.probe;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.PublicDoh;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Route;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.policy.Verify;
import org.leakguard.agent.report.ProbeReport;

/** The probes a policy asks for, built from its spec and run in parallel. */
public final class LeakProbes implements Verifier {
    private final Interfaces interfaces;

    public LeakProbes() {
        this(Interfaces.SYSTEM);
    }

    LeakProbes(Interfaces interfaces) {
        this.interfaces = interfaces;
    }

    @Override
    public List<ProbeReport> run(Spec spec, List<InetAddress> previousResolvers) {
        Verify verify = spec.verify() == null ? Verify.defaults() : spec.verify();
        List<Probe> probes = build(spec, verify, previousResolvers);
        return new ProbeRunner(verify.timeout()).run(probes);
    }

    List<Probe> build(Spec spec, Verify verify, List<InetAddress> previous) {
        Duration t = verify.timeout();
        String label = Ids.random(16);
        List<Probe> probes = new ArrayList<>();
        Resolvers resolvers = spec.resolvers() == null ? new Resolvers(null, null, null, null, null, null, null) : spec.resolvers();
        List<InetAddress> pinned = resolvers.servers();
        List<Route> routes = resolvers.routes();
        boolean ipv6Off = spec.ipv6() == Toggle.DISABLE;
        for (InetAddress a : forbidden(verify, previous, resolvers.allServers())) {
            probes.add(Probes.dnsMustFail(a, false, label, t));
            probes.add(Probes.dnsMustFail(a, true, label, t));
            probes.add(Probes.connectMustFail("dot", a, 853, t));
            probes.add(Probes.quicMustFail("doq", a, 853, t));
        }
        boolean dot = resolvers.encryption() == Encryption.DOT;
        for (InetAddress a : pinned) {
            if (ipv6Off && a instanceof Inet6Address) {
                continue;
            }
            // With DNS over TLS the pinned servers are reached on 853 only; plain 53 may be closed to them too.
            probes.add(dot ? Probes.connectMustSucceed("pinned-dot", a, 853, t) : Probes.dnsMustAnswer(a, label, t));
        }
        if (spec.firewall() != null && spec.firewall().publicDoh() == DohRule.BLOCK) {
            Set<InetAddress> doh = new LinkedHashSet<>(spec.firewall().dohAddresses());
            if (verify.probePublicDoh()) {
                doh.addAll(PublicDoh.addresses());
            }
            doh.removeAll(pinned);
            doh.forEach(a -> probes.add(Probes.connectMustFail("doh", a, 443, t)));
            // DDR: what the pinned resolvers designate must be pinned or blocked too.
            Set<InetAddress> allowed = new LinkedHashSet<>(pinned);
            allowed.addAll(spec.firewall().dohAddresses());
            allowed.addAll(PublicDoh.addresses());
            for (InetAddress a : pinned) {
                if (!(ipv6Off && a instanceof Inet6Address)) {
                    probes.add(Ddr.probe(a, 53, allowed, t));
                }
            }
        }
        if (ipv6Off) {
            probes.add(Probes.noGlobalIpv6(interfaces));
            for (InetAddress a : pinned) {
                if (a instanceof Inet6Address) {
                    probes.add(Probes.dnsMustFail(a, false, label, t));
                }
            }
        }
        List<InetAddress> expect = verify.canary() == null || verify.canary().expect().isEmpty() ? pinned : verify.canary().expect();
        Map<String, String> roles = roles(pinned, expect, routes);
        if (verify.canary() != null) {
            probes.add(Canaries.probe(verify.canary(), CanaryRule.general(expect, roles), t));
        }
        for (Route r : routes) {
            probes.addAll(routeProbes(r, roles, t));
        }
        return probes;
    }

    /**
     * Per route: its canary proves its names reach only its servers; its probe name, that the
     * system resolver answers them as its servers do.
     */
    static List<Probe> routeProbes(Route r, Map<String, String> roles, Duration t) {
        List<Probe> out = new ArrayList<>();
        if (r.canary() != null) {
            out.add(Canaries.probe("route-canary", r.canary(), new CanaryRule(r.domains(), r.servers(), r.canaryExpect(), roles), t));
        }
        if (r.probeName() != null) {
            out.add(RouteNames.probe(r.domains(), r.servers(), 53, r.probeName(), r.canary() != null, t));
        }
        return out;
    }

    /**
     * The pinned resolvers (and whom the general canary may see asking for them), then each
     * route's servers and canary resolvers, so a canary names a leak by what it reached.
     */
    static Map<String, String> roles(List<InetAddress> pinned, List<InetAddress> canaryExpect, List<Route> routes) {
        List<InetAddress> ours = new ArrayList<>(pinned);
        ours.addAll(canaryExpect);
        Map<String, List<InetAddress>> routed = new LinkedHashMap<>();
        for (Route r : routes) {
            List<InetAddress> theirs = new ArrayList<>(r.servers());
            theirs.addAll(r.canaryExpect());
            routed.merge(String.join(", ", r.domains()), theirs, (a, b) -> a);
        }
        return CanaryRule.roles(ours, routed);
    }

    /**
     * The policy's forbidden resolvers plus those the host used before apply, minus the pinned and
     * routed ones: a corporate resolver the VPN pushed before apply is a route's server after it.
     */
    static List<InetAddress> forbidden(Verify verify, List<InetAddress> previous, List<InetAddress> reachable) {
        Set<InetAddress> all = new LinkedHashSet<>(verify.forbidden());
        for (InetAddress a : previous) {
            if (!a.isLoopbackAddress()) {
                all.add(a);
            }
        }
        all.removeAll(reachable);
        return List.copyOf(all);
    }
}
