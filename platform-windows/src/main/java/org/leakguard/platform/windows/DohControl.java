package org.leakguard.platform.windows;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.DohPolicy;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Windows;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * {@code resolvers.encryption}: with doh, each pinned server goes on the Windows DoH list with the
 * policy's template, auto-upgrade on and UDP fallback off (Windows 11 / Server 2022 and later);
 * optionally the DoHPolicy group-policy value. A build without the DoH client is unknown, never
 * compliant; dot has no Windows client and is reported non-compliant.
 */
final class DohControl implements Control<DohControl.Seen> {
    static final String DOH_POLICY = "DoHPolicy";

    /** The DoH list, or empty when this Windows has no DoH client, and the DoHPolicy values read. */
    record Seen(Optional<List<DohEntry>> list, RegistrySeen registry) {}

    @Override
    public String id() {
        return "encryption";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.resolvers() != null && spec.resolvers().encryption() != Encryption.NONE;
    }

    @Override
    public Seen observe(Spec spec, Host host) throws IOException {
        Registry r = Ports.registry(host);
        Optional<List<DohEntry>> list = spec.resolvers().encryption() == Encryption.DOH ? NetshEncryption.read(host) : Optional.empty();
        return new Seen(list, RegistrySeen.read(r, Map.of(Keys.DNS_POLICY, List.of(DOH_POLICY))));
    }

    @Override
    public Assessment plan(Spec spec, Seen seen) {
        if (spec.resolvers().encryption() == Encryption.DOT) {
            return new Assessment(Status.NON_COMPLIANT, List.of(), List.of(Finding.error("encryption: dot: the Windows"
                    + " DNS client has no DNS over TLS in released builds, so lookups stay unencrypted; use encryption:"
                    + " doh on Windows 11 or Server 2022 and later")));
        }
        if (seen.list().isEmpty()) {
            return Assessment.unknown("encryption: doh is not available on this Windows build: it has no DoH client"
                    + " (netsh dnsclient show encryption is unknown; Windows 11 or Server 2022 and later have one),"
                    + " so lookups to the pinned servers are not encrypted");
        }
        String template = template(spec.resolvers().dohTemplate());
        List<Change> changes = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (InetAddress server : ResolversControl.ordered(spec.resolvers().servers())) {
            DohEntry want = new DohEntry(Ip.text(server), template, true, false);
            Optional<DohEntry> now = NetshEncryption.find(seen.list().get(), want.server());
            if (!now.equals(Optional.of(want))) {
                changes.add(new DohServer(want, now.map(e -> "replaces " + e).orElse("the server is not on the DoH list yet")));
            }
        }
        findings.add(Finding.info("Windows encrypts only lookups to servers on its DoH list; the pinned adapters"
                + " and the NRPT rule send every lookup to them"));
        Windows w = spec.windows() == null ? Windows.DEFAULT : spec.windows();
        if (w.dohPolicy() != DohPolicy.UNMANAGED) {
            seen.registry().write(Keys.DNS_POLICY, List.of(new RegEntry(DOH_POLICY, RegValue.dword(policyValue(w.dohPolicy())))),
                    "DoHPolicy " + w.dohPolicy().yaml()).ifPresent(changes::add);
            if (w.dohPolicy() == DohPolicy.REQUIRE) {
                findings.add(Finding.warning("DoHPolicy require makes every lookup DoH-only: on a domain-joined host"
                        + " this breaks resolution through domain controllers that do not serve DoH"));
            }
        }
        return Assessment.of(changes, findings);
    }

    /** ADMX DNS_Doh: 1 prohibit, 2 allow, 3 require (some write-ups swap 1 and 2). */
    static long policyValue(DohPolicy p) {
        return switch (p) {
            case PROHIBIT -> 1;
            case ALLOW -> 2;
            case REQUIRE -> 3;
            case UNMANAGED -> throw new IllegalArgumentException("unmanaged has no registry value");
        };
    }

    /** Windows takes a plain URL: RFC 6570 expressions such as {@code {?dns}} are dropped. */
    static String template(String policyTemplate) {
        return policyTemplate.replaceAll("\\{[^}]*}", "");
    }
}
