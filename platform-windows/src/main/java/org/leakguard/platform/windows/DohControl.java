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
 * policy's template, auto-upgrade on and UDP fallback off (Windows 11 / Server 2022 and later),
 * through the DnsClient cmdlets; optionally the DoHPolicy group-policy value. Group policy that
 * blocks DoH wins over the list, so it makes the control non-compliant, naming the value; without a
 * group policy that requires DoH, netsh's unreadable global switches may turn the list off, so a
 * correct list is unknown, not compliant ({@link NetshGlobals}). A build without the DoH client is
 * unknown, never compliant; dot is planned by {@link DotPlan}.
 */
final class DohControl implements Control<DohControl.Seen> {
    static final String DOH_POLICY = DohMode.POLICY;
    /** The 2020 Insider test key; Microsoft has since said it no longer applies and is to be deleted. */
    static final String AUTO_DOH = "EnableAutoDoh";

    /**
     * The DoH list, or empty when this Windows has no DoH client; the group-policy values and the build
     * number read; netsh's absolute path, or empty when the Windows folder is unknown; with dot, each
     * pinned server's DoT entry.
     */
    record Seen(Optional<List<DohEntry>> list, RegistrySeen registry, Optional<String> netsh, Map<String, DotEntry> dot) {}

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
        Optional<List<DohEntry>> list = spec.resolvers().encryption() == Encryption.DOH ? DohEntry.read(host) : Optional.empty();
        RegistrySeen reg = RegistrySeen.read(r, Map.of(Keys.DNS_POLICY, List.of(DOH_POLICY, DohMode.DOH_SETTING, DohMode.DOT_SETTING),
                Keys.DNSCACHE, List.of(AUTO_DOH), SystemPrograms.CURRENT_VERSION, List.of(DotPlan.BUILD)));
        Optional<String> netsh;
        try {
            netsh = Optional.of(SystemPrograms.path(host, SystemPrograms.NETSH));
        } catch (IOException e) {
            netsh = Optional.empty();
        }
        Map<String, DotEntry> dot = new java.util.HashMap<>();
        if (spec.resolvers().encryption() == Encryption.DOT) {
            for (InetAddress server : spec.resolvers().servers()) {
                dot.put(Ip.text(server), DotEntry.read(r, Ip.text(server)));
            }
        }
        return new Seen(list, reg, netsh, dot);
    }

    @Override
    public Assessment plan(Spec spec, Seen seen) {
        if (spec.resolvers().encryption() == Encryption.DOT) {
            RegistrySeen reg = seen.registry();
            return DotPlan.plan(spec.resolvers(), reg.value(SystemPrograms.CURRENT_VERSION, DotPlan.BUILD), DohMode.read(reg),
                    reg.value(Keys.DNS_POLICY, DohMode.DOT_SETTING), seen.dot(), seen.netsh());
        }
        if (seen.list().isEmpty()) {
            return Assessment.unknown("encryption: doh is not available on this Windows build: it has no DoH client"
                    + " (no Get-DnsClientDohServerAddress; Windows 11 or Server 2022 and later have one),"
                    + " so lookups to the pinned servers are not encrypted");
        }
        String template = template(spec.resolvers().dohTemplate());
        List<Change> changes = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (InetAddress server : ResolversControl.ordered(spec.resolvers().servers())) {
            DohEntry want = new DohEntry(Ip.text(server), template, true, false);
            Optional<DohEntry> now = DohEntry.find(seen.list().get(), want.server());
            if (!now.equals(Optional.of(want))) {
                changes.add(want.change(now.map(e -> "replaces " + e).orElse("the server is not on the DoH list yet")));
            }
        }
        findings.add(Finding.info("Windows encrypts only lookups to servers on its DoH list; the pinned adapters"
                + " and the NRPT rule send every lookup to them"));
        Windows w = spec.windows() == null ? Windows.DEFAULT : spec.windows();
        RegistrySeen reg = seen.registry();
        if (w.dohPolicy() != DohPolicy.UNMANAGED) {
            reg.write(Keys.DNS_POLICY, List.of(new RegEntry(DOH_POLICY, RegValue.dword(policyValue(w.dohPolicy())))),
                    "DoHPolicy " + w.dohPolicy().yaml()).ifPresent(changes::add);
            if (w.dohPolicy() == DohPolicy.REQUIRE) {
                findings.add(Finding.warning("DoHPolicy require makes every lookup DoH-only: on a domain-joined host"
                        + " this breaks resolution through domain controllers that do not serve DoH"));
            }
        }
        reg.value(Keys.DNSCACHE, AUTO_DOH).ifPresent(v -> findings.add(Finding.warning(Keys.DNSCACHE + "\\" + AUTO_DOH + " is "
                + v + ": a 2020 test switch Microsoft says no longer applies; delete it and restart Windows")));
        // What leakguard writes itself is what counts for DoHPolicy; a block it does not manage wins over it.
        DohMode mode = w.dohPolicy() == DohPolicy.UNMANAGED ? DohMode.read(reg)
                : new DohMode(Optional.of(RegValue.dword(policyValue(w.dohPolicy()))), reg.value(Keys.DNS_POLICY, DohMode.DOH_SETTING));
        Optional<String> blocked = mode.blocked();
        if (blocked.isPresent()) {
            findings.add(Finding.error("group policy " + blocked.get() + " wins over the DoH list leakguard keeps: Windows"
                    + " sends every lookup unencrypted. Change \"" + DohMode.GPO + "\" in the GPO that sets it to Allow"
                    + " or Require (with DoH not blocked)" + (w.dohPolicy() == DohPolicy.UNMANAGED ? ", or set windows.dohPolicy" : "")));
            return new Assessment(Status.NON_COMPLIANT, changes, findings);
        }
        if (NetshGlobals.mayOverride(mode)) {
            // A local switch nothing reads locale-free may turn the list off: the list alone proves nothing.
            findings.add(Finding.warning(NetshGlobals.describe(mode) + ". Set windows.dohPolicy: require (group policy then"
                    + " wins over them) to make this verifiable"));
            return new Assessment(changes.isEmpty() ? Status.UNKNOWN : Status.NON_COMPLIANT, changes, findings);
        }
        findings.add(Finding.info(NetshGlobals.describe(mode)));
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
