package org.leakguard.agent.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SVCBBase;
import org.xbill.DNS.SVCBRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Discovery of Designated Resolvers (RFC 9462): a client that asks its resolver for
 * {@code _dns.resolver.arpa} SVCB may move to the encrypted resolvers named there (Windows 11,
 * macOS 13, Firefox). One that is neither pinned nor blocked on 443 is a way around the pinned
 * resolver the firewall leaves open, so the probe asks each pinned resolver what it designates.
 */
final class Ddr {
    static final String NAME = "_dns.resolver.arpa.";

    private Ddr() {}

    /** Fails when {@code resolver} designates an address outside {@code allowed} (pinned or blocked). */
    static Probe probe(InetAddress resolver, int port, Set<InetAddress> allowed, Duration timeout) {
        return new Probe("ddr", resolver.getHostAddress() + ":" + port, "designates nothing outside the pinned and blocked",
                () -> judge(ask(resolver, port, timeout), allowed));
    }

    /** The resolver's answer, or null when none came. */
    static Message ask(InetAddress resolver, int port, Duration timeout) throws IOException {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(resolver, port));
        r.setTimeout(timeout);
        try {
            return r.send(Message.newQuery(Record.newRecord(Name.fromString(NAME), Type.SVCB, 1)));
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    static Probe.Observed judge(Message answer, Set<InetAddress> allowed) throws java.net.UnknownHostException {
        if (answer == null) {
            return new Probe.Observed("no answer to the SVCB query for " + NAME, null);
        }
        List<SVCBRecord> svcb = answer.getSection(Section.ANSWER).stream()
                .filter(SVCBRecord.class::isInstance).map(SVCBRecord.class::cast).toList();
        if (svcb.isEmpty()) {
            return new Probe.Observed(Rcode.string(answer.getRcode()) + ", no designated resolver", true);
        }
        Set<InetAddress> outside = new LinkedHashSet<>(designated(svcb));
        outside.removeAll(allowed);
        if (outside.isEmpty()) {
            boolean hinted = svcb.stream().allMatch(Ddr::hasHints);
            return new Probe.Observed(hinted ? "designates only pinned or blocked addresses"
                    : "designates " + svcb.get(0).getTargetName() + " without address hints: cannot tell", hinted ? true : null);
        }
        return new Probe.Observed("designates " + outside.stream().map(InetAddress::getHostAddress).toList()
                + " for encrypted DNS, neither pinned nor blocked on 443: add them to firewall.dohAddresses", false);
    }

    /** The addresses the answer's ipv4hint and ipv6hint name. */
    static List<InetAddress> designated(List<SVCBRecord> records) throws java.net.UnknownHostException {
        List<InetAddress> out = new ArrayList<>();
        for (SVCBRecord r : records) {
            if (r.getSvcParamValue(SVCBBase.IPV4HINT) instanceof SVCBBase.ParameterIpv4Hint v4) {
                out.addAll(v4.getAddresses());
            }
            if (r.getSvcParamValue(SVCBBase.IPV6HINT) instanceof SVCBBase.ParameterIpv6Hint v6) {
                out.addAll(v6.getAddresses());
            }
        }
        return out;
    }

    private static boolean hasHints(SVCBRecord r) {
        return r.getSvcParamValue(SVCBBase.IPV4HINT) != null || r.getSvcParamValue(SVCBBase.IPV6HINT) != null;
    }
}
