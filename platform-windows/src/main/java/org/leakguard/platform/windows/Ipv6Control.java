package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.policy.Windows;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * {@code ipv6: disable}: the Tcpip6 {@code DisabledComponents} bitmask the policy chooses (0xFF
 * unless {@code windows.disabledComponents} says otherwise; never 0xFFFFFFFF), which Windows reads
 * only at boot. A reboot is pending while the key was written after the last start, and the
 * control says so until it has happened. With {@code windows.unbindIpv6} each adapter's IPv6
 * binding is also switched off for effect now (which Microsoft calls unsupported).
 */
final class Ipv6Control implements Control<Ipv6Control.Seen> {
    static final String VALUE = "DisabledComponents";
    /**
     * "Turn off default IPv6 DNS Servers" (CIS Windows 11 18.6.4.3, DNS Client policy): without it an
     * adapter with no IPv6 server of its own asks Windows' well-known site-local ones,
     * fec0:0:0:ffff::1 to ::3. No Microsoft text for the value name was found: unconfirmed.
     */
    static final String DEFAULT_DNS = "DisableIPv6DefaultDnsServers";
    static final List<String> WELL_KNOWN = List.of("fec0:0:0:ffff::1", "fec0:0:0:ffff::2", "fec0:0:0:ffff::3");

    /** An adapter's IPv6 binding. */
    record Binding(String guid, String alias, boolean enabled) {}

    /**
     * @param value DisabledComponents now, when set
     * @param written when the Tcpip6 key was last written
     * @param bindings the IPv6 bindings of the adapters that carry DNS, read only with unbindIpv6
     * @param adapters to prove, once Windows has restarted, that no global IPv6 address is left
     */
    record Seen(Optional<RegValue> value, Optional<Instant> written, Instant booted, List<Binding> bindings, List<Adapter> adapters,
            Optional<RegValue> defaultDns) {
        Seen {
            bindings = List.copyOf(bindings);
            adapters = List.copyOf(adapters);
        }
    }

    @Override
    public String id() {
        return "ipv6";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.ipv6() == Toggle.DISABLE;
    }

    @Override
    public Seen observe(Spec spec, Host host) throws IOException {
        Registry r = Ports.registry(host);
        List<Binding> bindings = List.of();
        List<Adapter> adapters = Ports.adapters(host).list();
        if (settings(spec).unbindIpv6()) {
            List<String> carrying = adapters.stream().filter(Adapter::carriesDns).map(Adapter::guid).toList();
            ObjectNode in = PowerShell.JSON.createObjectNode();
            in.putObject("subject");
            bindings = parseBindings(PowerShell.parse(PowerShell.run(host, Scripts.BINDINGS, in))).stream()
                    .filter(b -> carrying.stream().anyMatch(g -> g.equalsIgnoreCase(b.guid()))).toList();
        }
        return new Seen(r.value(Keys.TCPIP6, VALUE), r.lastWritten(Keys.TCPIP6), Ports.machine(host).bootedAt(), bindings, adapters,
                r.value(Keys.DNS_POLICY, DEFAULT_DNS));
    }

    static List<Binding> parseBindings(JsonNode printed) {
        List<Binding> out = new ArrayList<>();
        for (JsonNode n : PsJson.items(printed)) {
            out.add(new Binding(PsJson.text(n, "guid"), PsJson.text(n, "alias"), n.path("enabled").asBoolean(true)));
        }
        return out;
    }

    private static Windows settings(Spec spec) {
        return spec.windows() == null ? Windows.DEFAULT : spec.windows();
    }

    @Override
    public Assessment plan(Spec spec, Seen seen) {
        Windows w = settings(spec);
        long want = w.disabledComponents();
        List<Change> changes = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        RegValue wanted = RegValue.dword(want);
        if (!seen.value().equals(Optional.of(wanted))) {
            changes.add(new RegistryWrite(Keys.TCPIP6, List.of(new RegEntry(VALUE, wanted)), "IPv6 components off (0x"
                    + Long.toHexString(want) + "); Windows reads it at the next reboot"));
        }
        if ((want & 0x10) == 0) {
            findings.add(Finding.warning("DisabledComponents 0x" + Long.toHexString(want) + " keeps IPv6 on ordinary"
                    + " adapters (0x20 only prefers IPv4), so their IPv6 addresses stay and the ipv6 probe finds them;"
                    + " 0xFF turns IPv6 off"));
        }
        if (!seen.defaultDns().equals(Optional.of(RegValue.dword(1)))) {
            changes.add(new RegistryWrite(Keys.DNS_POLICY, List.of(new RegEntry(DEFAULT_DNS, RegValue.dword(1))), "Turn off default"
                    + " IPv6 DNS Servers (CIS Windows 11 18.6.4.3; value name unconfirmed by Microsoft): no lookups to "
                    + String.join(", ", WELL_KNOWN)));
        }
        List<String> wellKnown = new ArrayList<>();
        for (Adapter a : seen.adapters()) {
            a.dnsServers().stream().map(Ip::text).filter(WELL_KNOWN::contains).forEach(x -> wellKnown.add(a.alias() + " " + x));
        }
        if (!wellKnown.isEmpty()) {
            findings.add(Finding.warning("adapters use Windows' default IPv6 DNS servers: " + wellKnown + "; lookups to them"
                    + " leave the pinned resolvers (the firewall blocks them with plainDns: block-others)"));
        }
        for (Binding b : seen.bindings()) {
            if (b.enabled()) {
                ObjectNode subject = PowerShell.JSON.createObjectNode().put("guid", b.guid());
                changes.add(new ScriptState(ScriptKind.IPV6_BINDING, "adapter " + b.alias() + " " + b.guid() + " IPv6 binding",
                        subject.toString(), "{\"enabled\":false}", "IPv6 off on this adapter now (unticking ms_tcpip6, which"
                        + " Microsoft calls unsupported), before the reboot DisabledComponents needs"));
            }
        }
        boolean pending = changes.stream().anyMatch(c -> c instanceof RegistryWrite rw && rw.key().equals(Keys.TCPIP6))
                || seen.written().map(t -> t.isAfter(seen.booted())).orElse(false);
        if (!pending) {
            return afterBoot(want, seen, changes, findings);
        }
        if (w.unbindIpv6()) {
            findings.add(Finding.info("a reboot is pending for DisabledComponents; the adapters' IPv6 bindings are off meanwhile"));
            return Assessment.of(changes, findings);
        }
        findings.add(Finding.warning("a reboot is pending: DisabledComponents takes effect when Windows starts, and"
                + " until then IPv6 stays on (the ipv6 probe will find its addresses); reboot and run check, or set"
                + " windows.unbindIpv6: true for effect now"));
        return new Assessment(Status.NON_COMPLIANT, changes, findings);
    }

    /**
     * Windows has started since the value was written: with the non-tunnel bit (0x10) set, an
     * ordinary adapter that still has a global IPv6 address shows the value did not take.
     */
    private static Assessment afterBoot(long want, Seen seen, List<Change> changes, List<Finding> findings) {
        if ((want & 0x10) == 0) {
            return Assessment.of(changes, findings);
        }
        List<String> left = new ArrayList<>();
        for (Adapter a : seen.adapters()) {
            if (a.carriesDns() && seen.bindings().stream().noneMatch(b -> b.guid().equalsIgnoreCase(a.guid()) && !b.enabled())) {
                a.addresses().stream().filter(Ipv6Control::global).forEach(x -> left.add(a.alias() + " " + Ip.text(x)));
            }
        }
        if (left.isEmpty()) {
            return Assessment.of(changes, findings);
        }
        findings.add(Finding.error("DisabledComponents is 0x" + Long.toHexString(want) + " and Windows has restarted since it"
                + " was written, yet global IPv6 addresses are left: " + left + "; see whether a group policy or the"
                + " adapter's driver overrides it"));
        return new Assessment(Status.NON_COMPLIANT, changes, findings);
    }

    /** A global unicast IPv6 address: not link-local, loopback, site-local or multicast. */
    static boolean global(java.net.InetAddress a) {
        return Ip.isV6(a) && !a.isLinkLocalAddress() && !a.isLoopbackAddress() && !a.isSiteLocalAddress()
                && !a.isMulticastAddress() && !a.isAnyLocalAddress();
    }
}
