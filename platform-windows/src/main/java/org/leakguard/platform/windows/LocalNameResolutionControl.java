package org.leakguard.platform.windows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;

/**
 * {@code localNameResolution: disable}: names answered by whoever on the link replies. LLMNR off
 * with the documented policy value ({@code EnableMulticast} = 0: zero means off), NetBIOS over
 * TCP/IP off on every interface ({@code NetbiosOptions} = 2), and mDNS off with the Dnscache
 * {@code EnableMDNS} value (CIS Windows 11 names it; no Microsoft text found, so unconfirmed;
 * ignored where unsupported).
 */
final class LocalNameResolutionControl implements Control<LocalNameResolutionControl.Seen> {
    static final String LLMNR = "EnableMulticast";
    static final String MDNS = "EnableMDNS";
    static final String NETBIOS = "NetbiosOptions";
    /** 0 = as DHCP says, 1 = on, 2 = off. */
    static final long NETBIOS_OFF = 2;

    record Seen(RegistrySeen registry, List<String> netbtKeys) {
        Seen {
            netbtKeys = List.copyOf(netbtKeys);
        }
    }

    @Override
    public String id() {
        return "localNameResolution";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.localNameResolution() == Toggle.DISABLE;
    }

    @Override
    public Seen observe(Spec spec, Host host) throws IOException {
        Registry r = Ports.registry(host);
        List<String> netbt = r.subkeys(Keys.NETBT_INTERFACES).stream().filter(k -> k.startsWith("Tcpip_"))
                .map(k -> Keys.NETBT_INTERFACES + "\\" + k).toList();
        Map<String, List<String>> names = new LinkedHashMap<>();
        names.put(Keys.DNS_POLICY, List.of(LLMNR));
        names.put(Keys.DNSCACHE, List.of(MDNS));
        netbt.forEach(k -> names.put(k, List.of(NETBIOS)));
        return new Seen(RegistrySeen.read(r, names), netbt);
    }

    @Override
    public Assessment plan(Spec spec, Seen seen) {
        RegistrySeen reg = seen.registry();
        List<Change> changes = new ArrayList<>();
        reg.write(Keys.DNS_POLICY, List.of(new RegEntry(LLMNR, RegValue.dword(0))),
                "Turn off multicast name resolution: LLMNR off (0 means off)").ifPresent(changes::add);
        reg.write(Keys.DNSCACHE, List.of(new RegEntry(MDNS, RegValue.dword(0))),
                "mDNS off (community-documented value)").ifPresent(changes::add);
        for (String key : seen.netbtKeys()) {
            reg.write(key, List.of(new RegEntry(NETBIOS, RegValue.dword(NETBIOS_OFF))),
                    "NetBIOS over TCP/IP off on this interface").ifPresent(changes::add);
        }
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info("NetBIOS over TCP/IP, per adapter: " + seen.netbtKeys().size() + " interface(s) under "
                + Keys.NETBT_INTERFACES + "; an interface added later is covered by the next apply"));
        findings.add(Finding.info("sources: LLMNR EnableMulticast=0 is the documented policy value (Policy CSP ADMX_DnsClient);"
                + " mDNS EnableMDNS=0 and NetBIOS per adapter are the leaks CIS Windows 11 names, and for EnableMDNS no"
                + " Microsoft text was found (unconfirmed): check UDP 5353 after a reboot"));
        findings.add(Finding.info("the DNS Client reads LLMNR and mDNS values when it starts: certain after a reboot"));
        return Assessment.of(changes, findings);
    }
}
