package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding.Severity;

/** {@code agent diagnose} on Windows: where DNS goes and what could send it elsewhere. Read-only. */
final class WindowsDiagnosis {
    /** One topic's reading, which may fail on its own without hiding the others. */
    interface Topic {
        Diagnosis read(Host host) throws IOException;
    }

    private WindowsDiagnosis() {}

    static List<Diagnosis> run(Host host) {
        List<Diagnosis> out = new ArrayList<>();
        add(out, "elevation", host, WindowsDiagnosis::elevation);
        add(out, "adapters", host, h -> adapters(Ports.adapters(h).list()));
        add(out, "nrpt", host, WindowsDiagnosis::nrpt);
        add(out, "smartNameResolution", host, WindowsDiagnosis::smart);
        add(out, "ipv6", host, WindowsDiagnosis::ipv6);
        add(out, "doh", host, WindowsDiagnosis::doh);
        add(out, "firewall", host, WindowsDiagnosis::firewall);
        add(out, "vms", host, h -> vms(HyperVState.read(h)));
        return out;
    }

    private static void add(List<Diagnosis> out, String topic, Host host, Topic t) {
        try {
            out.add(t.read(host));
        } catch (IOException | RuntimeException e) {
            out.add(new Diagnosis(topic, Severity.WARNING, "unknown: could not read (" + e.getMessage() + ")", List.of()));
        }
    }

    private static Diagnosis elevation(Host host) throws IOException {
        return Ports.machine(host).elevated()
                ? new Diagnosis("elevation", Severity.INFO, "elevated: apply and rollback can change the host", List.of())
                : new Diagnosis("elevation", Severity.WARNING, "not elevated: plan, check and diagnose read the host,"
                        + " apply and rollback refuse before any change", List.of(Ports.NOT_ELEVATED));
    }

    static Diagnosis adapters(List<Adapter> adapters) {
        List<String> evidence = new ArrayList<>();
        for (Adapter a : adapters) {
            evidence.add(a.alias() + " " + a.guid() + " (" + (a.up() ? "up" : "down") + ", type " + a.ifType() + "): DNS "
                    + (a.dnsServers().isEmpty() ? "none" : a.dnsServers().stream().map(Ip::text).toList()));
        }
        long carrying = adapters.stream().filter(Adapter::carriesDns).count();
        Severity s = carrying > 1 ? Severity.WARNING : Severity.INFO;
        return new Diagnosis("adapters", s, carrying + " adapter(s) up with DNS" + (carrying > 1
                ? ": Windows may ask all of them at once (smart multi-homed resolution) unless NRPT or the firewall stops it" : ""),
                evidence);
    }

    private static Diagnosis nrpt(Host host) throws IOException {
        List<String> gpo = Ports.registry(host).subkeys(Keys.NRPT_GPO);
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject");
        List<NrptRoute> rules = NrptRoute.parseRules(PowerShell.parse(PowerShell.run(host, Scripts.NRPT_RULES, in)));
        List<NrptRoute> effective = NrptRoute.parsePolicy(PowerShell.parse(PowerShell.run(host, Scripts.NRPT_POLICY, in)));
        return nrpt(rules, effective, gpo);
    }

    /**
     * The routing by domain the host has: every local rule (leakguard's and other owners', such as
     * a VPN client's), the domain GPO's rules, and the policy the DNS client applies, namespace by
     * namespace, which is what decides where a name goes.
     */
    static Diagnosis nrpt(List<NrptRoute> rules, List<NrptRoute> effective, List<String> gpo) {
        List<String> evidence = new ArrayList<>();
        rules.forEach(r -> evidence.add("local rule: " + r.describe()));
        gpo.forEach(k -> evidence.add("domain GPO rule: " + Keys.NRPT_GPO + "\\" + k));
        effective.forEach(e -> evidence.add("in effect: " + e.describe()));
        List<String> routed = effective.stream().flatMap(e -> e.namespaces().stream()).filter(n -> !n.equals(NrptRule.ANY)).toList();
        String routing = effective.isEmpty() ? "no NRPT entry in effect: every name goes to the adapters' servers"
                : "in effect: " + (routed.isEmpty() ? "no namespace routed by domain" : routed.size() + " namespace(s) routed by domain ("
                + String.join(", ", routed) + ")") + (effective.stream().anyMatch(e -> e.namespaces().contains(NrptRule.ANY))
                ? ", every other name by the \".\" rule" : ", every other name to the adapters' servers");
        boolean ours = rules.stream().anyMatch(r -> r.owner().equals(NrptRule.NAME));
        if (!gpo.isEmpty()) {
            return new Diagnosis("nrpt", ours ? Severity.WARNING : Severity.INFO, "domain group policy defines NRPT rules, so local"
                    + " rules" + (ours ? " (leakguard's too)" : "") + " are ignored; " + routing, evidence);
        }
        return new Diagnosis("nrpt", Severity.INFO, (ours ? "leakguard's NRPT rules are in place; " : "no leakguard NRPT rule; ") + routing,
                evidence);
    }

    private static Diagnosis smart(Host host) throws IOException {
        Optional<RegValue> v = Ports.registry(host).value(Keys.DNS_POLICY, SmartNameResolutionControl.SMART);
        boolean off = v.equals(Optional.of(RegValue.dword(1)));
        return new Diagnosis("smartNameResolution", off ? Severity.INFO : Severity.WARNING, off
                ? "turned off by policy" : "on: lookups may go to every adapter's servers in parallel",
                List.of(Keys.DNS_POLICY + "\\" + SmartNameResolutionControl.SMART + " = " + v.map(RegValue::toString).orElse("absent")));
    }

    private static Diagnosis ipv6(Host host) throws IOException {
        Registry r = Ports.registry(host);
        Optional<RegValue> v = r.value(Keys.TCPIP6, Ipv6Control.VALUE);
        java.time.Instant booted = Ports.machine(host).bootedAt();
        boolean pending = r.lastWritten(Keys.TCPIP6).map(t -> t.isAfter(booted)).orElse(false);
        return new Diagnosis("ipv6", pending ? Severity.WARNING : Severity.INFO, "DisabledComponents "
                + v.map(RegValue::toString).orElse("absent (IPv6 on)") + (pending ? "; written since the last boot: a reboot is pending" : ""),
                List.of(Keys.TCPIP6 + "\\" + Ipv6Control.VALUE));
    }

    private static Diagnosis doh(Host host) throws IOException {
        RegistrySeen reg = RegistrySeen.read(Ports.registry(host), java.util.Map.of(Keys.DNS_POLICY,
                List.of(DohMode.POLICY, DohMode.DOH_SETTING, DohMode.DOT_SETTING)));
        Diagnosis d = doh(DohEntry.read(host), DohMode.read(reg));
        List<String> evidence = new ArrayList<>(d.evidence());
        Registry r = Ports.registry(host);
        for (String server : r.subkeys(Keys.DOH_SERVERS)) {
            DotEntry e = DotEntry.read(r, server);
            e.host().ifPresent(h -> evidence.add("DoT entry: " + server + " over TLS to " + h + e.port().map(p -> ":" + p).orElse("")
                    + " (" + Keys.DOH_SERVERS + "\\" + server + "\\" + DotEntry.HOST + ", a place inferred from the DNS client's code)"));
        }
        return new Diagnosis(d.topic(), d.severity(), d.summary(), evidence);
    }

    /**
     * The DoH mode in effect and the list behind it. Windows upgrades only lookups to a server on
     * its list; DDR (RFC 9462) can still hand it a designated resolver elsewhere, which only the
     * firewall (853 to the pinned servers, 443 to known DoH servers) or a resolver that answers
     * nothing for _dns.resolver.arpa stops: there is no Windows switch for DDR alone.
     */
    static Diagnosis doh(Optional<List<DohEntry>> list, DohMode mode) {
        List<String> evidence = new ArrayList<>(list.orElse(List.of()).stream().map(DohEntry::toString).toList());
        mode.dohPolicy().ifPresent(v -> evidence.add(Keys.DNS_POLICY + "\\" + DohMode.POLICY + " = " + v));
        mode.dohSetting().ifPresent(v -> evidence.add(Keys.DNS_POLICY + "\\" + DohMode.DOH_SETTING + " = " + v));
        evidence.add(NetshGlobals.describe(mode));
        evidence.add("DDR: no group-policy switch for discovery alone (the DoHPolicy ADMX lets DDR traffic through); netsh's"
                + " ddr= switch is among the unknown ones above; the firewall's 853 and DoH-443 rules and a resolver answering"
                + " nothing for _dns.resolver.arpa stop an upgrade to a resolver the policy did not pin");
        boolean warn = mode.blocked().isPresent() || NetshGlobals.mayOverride(mode) && list.isPresent();
        return new Diagnosis("doh", warn ? Severity.WARNING : Severity.INFO, "DoH mode: " + mode.describe(list)
                + (NetshGlobals.mayOverride(mode) && list.isPresent() ? " (unless netsh's global doh= switch, unread, turns it off)"
                : ""), evidence);
    }

    /** WSL and Hyper-V VMs, whose DNS passes the host's firewall rules unless the Hyper-V firewall filters it. */
    static Diagnosis vms(HyperVState hv) {
        List<String> evidence = new ArrayList<>();
        evidence.add("Hyper-V firewall: " + (hv.firewall() ? "present" : "absent (Windows 11 22H2 and later have it)"));
        hv.creators().forEach(c -> evidence.add("VM creator: " + c));
        hv.wslSetting().forEach((k, v) -> evidence.add("Hyper-V firewall for WSL, " + k + ": " + v));
        evidence.add("WSL 2 VM: " + (hv.wslRunning() ? "running" : "not running"));
        hv.vms().forEach(v -> evidence.add("Hyper-V VM: " + v));
        if (hv.guests().isEmpty()) {
            return new Diagnosis("vms", Severity.INFO, "no WSL or Hyper-V VM runs", evidence);
        }
        return hv.firewall()
                ? new Diagnosis("vms", Severity.INFO, "VMs run (" + String.join(", ", hv.guests()) + "); the Hyper-V firewall"
                        + " can hold leakguard's rules for WSL", evidence)
                : new Diagnosis("vms", Severity.WARNING, "VMs run (" + String.join(", ", hv.guests()) + ") but this host has no"
                        + " Hyper-V firewall: their DNS leaves through the virtual switch past the host's rules", evidence);
    }

    /** leakguard's rules in effect and, per profile, whether rules count there at all (Group Policy merged). */
    private static Diagnosis firewall(Host host) throws IOException {
        FirewallControl.Seen seen = FirewallControl.read(host);
        List<String> evidence = new ArrayList<>(seen.rules().values().stream().map(r -> r.name() + ": " + r.direction() + " "
                + r.action() + " " + r.protocol() + " " + r.remotePorts() + " to " + (r.remoteAddresses().isEmpty() ? "any address"
                : r.remoteAddresses().size() + " range(s)") + (r.program().isEmpty() ? "" : " from " + r.program()) + ", enabled "
                + r.enabled()).sorted().toList());
        List<String> why = seen.profiles().stream().flatMap(p -> p.whyRulesDoNothing().stream()).toList();
        seen.profiles().forEach(p -> evidence.add("profile " + p.name() + ": " + (p.enabled() ? "on" : "off")
                + (p.localRulesApply() ? ", local rules apply" : ", local rules ignored")));
        evidence.addAll(why);
        String summary = seen.rules().isEmpty() ? "no rules in group " + FirewallRules.GROUP : seen.rules().size() + " rule(s) in group "
                + FirewallRules.GROUP;
        return new Diagnosis("firewall", why.isEmpty() ? Severity.INFO : Severity.WARNING,
                why.isEmpty() ? summary : summary + "; in some profiles they block nothing", evidence);
    }
}
