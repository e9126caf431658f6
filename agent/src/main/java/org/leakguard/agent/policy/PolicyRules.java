package org.leakguard.agent.policy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * What a loaded policy must satisfy beyond its types: identity, syntax of names and URLs,
 * and settings that depend on each other. The records stay permissive so code and tests can
 * build any value; a policy file passes through here. Each refusal names its full key path.
 */
final class PolicyRules {
    /** A probe that waits longer would stall the scheduled runs that share the host. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private PolicyRules() {}

    static void check(Policy p) {
        identity("apiVersion", p.apiVersion(), Policy.API_VERSION);
        identity("kind", p.kind(), Policy.KIND);
        Checks.policyName("metadata.name", p.metadata().name());
        Spec s = p.spec();
        if (s.resolvers() != null) {
            resolvers(s.resolvers());
        }
        if (s.verify() != null) {
            verify(s.verify());
        }
        if (s.appliesTo() != null) {
            TargetRules.appliesTo(s.appliesTo());
        }
        if (s.rollout() != null) {
            TargetRules.rollout(s.rollout());
        }
        if (s.windows() != null) {
            windows(s.windows(), s.ipv6());
        }
        if (s.firewall() != null) {
            Checks.hostAddresses("spec.firewall.dohAddresses", s.firewall().dohAddresses(), "a DoH server to block");
            ExemptionRules.check(s.firewall().exceptions());
            if (s.firewall().portal() != null) {
                ExemptionRules.portal(s.firewall().portal());
            }
        }
        if (s.resolvers() != null) {
            RouteRules.check(s.resolvers().routes(), s.resolvers().servers(), s.verify());
        }
        crossSection(s);
    }

    private static void identity(String key, String actual, String wanted) {
        if (actual == null) {
            throw new InvalidSetting(key, "missing; this agent reads " + key + ": " + wanted);
        }
        if (!actual.equals(wanted)) {
            throw new InvalidSetting(key, Checks.quote(actual) + " is not supported; this agent reads "
                    + key + ": " + wanted);
        }
    }

    private static void resolvers(Resolvers r) {
        Checks.resolverAddresses("spec.resolvers.servers", r.servers());
        Checks.domainNames("spec.resolvers.searchDomains", r.searchDomains());
        if (r.tlsName() != null) {
            Checks.domainName("spec.resolvers.tlsName", r.tlsName());
        }
        if (r.dohTemplate() != null) {
            Checks.httpsTemplate("spec.resolvers.dohTemplate", r.dohTemplate());
        }
        if (r.encryption() == Encryption.DOT && r.tlsName() == null) {
            throw new InvalidSetting("spec.resolvers.encryption", "dot needs tlsName: the name on the"
                    + " resolvers' TLS certificate, e.g. dns.corp.example");
        }
        if (r.encryption() == Encryption.DOH && r.dohTemplate() == null) {
            throw new InvalidSetting("spec.resolvers.encryption", "doh needs dohTemplate: the resolver's"
                    + " https:// URL, e.g. https://dns.corp.example/dns-query");
        }
    }

    private static void verify(Verify v) {
        Duration t = v.timeout();
        if (t.isNegative() || t.isZero() || t.compareTo(MAX_TIMEOUT) > 0) {
            throw new InvalidSetting("spec.verify.timeout", DurationSerializer.format(t)
                    + " is out of range; use more than 0 and at most 5m, e.g. 1s");
        }
        Checks.hostAddresses("spec.verify.forbidden", v.forbidden(), "a resolver to forbid");
        Canary c = v.canary();
        if (c != null) {
            Checks.domainName("spec.verify.canary.domain", c.domain());
            Checks.canaryApis("spec.verify.canary.api", c.api());
            disjoint("spec.verify.canary.expect", c.expect(), v.forbidden(), "spec.verify.forbidden",
                    "the canary cannot expect a forbidden resolver");
        }
    }

    /** 0xFFFFFFFF is widely copied but wrong: Windows waits 5 s at every boot with it. */
    private static void windows(Windows w, Toggle ipv6) {
        long v = w.disabledComponents();
        if (v == 0xFFFFFFFFL) {
            throw new InvalidSetting("spec.windows.disabledComponents", "0xFFFFFFFF is not a valid DisabledComponents"
                    + " value (it delays every boot by 5 seconds); use 0xFF to turn off every IPv6 component but"
                    + " loopback, or 0x20 to prefer IPv4");
        }
        if (v < 0 || v > 0xFF) {
            throw new InvalidSetting("spec.windows.disabledComponents", v + " is out of range; DisabledComponents"
                    + " is a bitmask from 0 to 0xFF, e.g. 0xFF (all off) or 0x20 (prefer IPv4)");
        }
        if (v == 0 && ipv6 == Toggle.DISABLE) {
            throw new InvalidSetting("spec.windows.disabledComponents", "0 turns no IPv6 component off, which"
                    + " contradicts ipv6: disable; use 0xFF (all off) or 0x20 (prefer IPv4)");
        }
    }

    private static void crossSection(Spec s) {
        if (s.browsers() != null && s.browsers().doh() == BrowserDoh.RESOLVER
                && (s.resolvers() == null || s.resolvers().dohTemplate() == null)) {
            throw new InvalidSetting("spec.browsers.doh", "resolver needs spec.resolvers.dohTemplate, the"
                    + " https:// URL browsers are pointed at");
        }
        if (s.verify() != null && s.resolvers() != null) {
            disjoint("spec.verify.forbidden", s.verify().forbidden(), s.resolvers().servers(),
                    "spec.resolvers.servers", "a resolver cannot be both allowed and forbidden");
        }
    }

    /** Refuses the first address of {@code list} that {@code other} also holds. */
    private static void disjoint(String key, List<InetAddress> list, List<InetAddress> other,
            String otherKey, String why) {
        for (int i = 0; i < list.size(); i++) {
            if (other.contains(list.get(i))) {
                throw new InvalidSetting(key + "[" + i + "]", Checks.shown(list.get(i)) + " is also in "
                        + otherKey + "; " + why);
            }
        }
    }
}
