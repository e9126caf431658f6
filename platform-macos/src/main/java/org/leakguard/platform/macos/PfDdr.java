package org.leakguard.platform.macos;

import java.util.Optional;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Finding;

/**
 * Discovery of Designated Resolvers (RFC 9462, used by macOS 13 and later): the system asks its
 * resolver for {@code _dns.resolver.arpa} and moves to the encrypted resolver named there. With
 * 53 and 853 open only to the pinned servers, only they are asked, and DoT or DNS over QUIC to
 * any other address is blocked; a DoH designation on 443 must carry a certificate for a pinned
 * address (verified discovery), so it stays with their operator. Otherwise the path is open and
 * said so. Pure.
 */
final class PfDdr {
    static final String NAME = "_dns.resolver.arpa";

    private PfDdr() {}

    static Optional<Finding> finding(Spec spec) {
        if (spec.firewall() == null) {
            return Optional.empty();
        }
        boolean closed = spec.firewall().plainDns() == PortRule.BLOCK_OTHERS
                && spec.firewall().dnsOverTls() == PortRule.BLOCK_OTHERS;
        if (closed) {
            return Optional.of(Finding.info("DDR (RFC 9462): only the pinned servers can answer " + NAME + ", and DoT or"
                    + " DNS over QUIC (TCP/UDP 853) to any other address is blocked, so macOS cannot be moved to a"
                    + " resolver the network designates; a pinned resolver that answers NXDOMAIN for " + NAME
                    + " refuses the upgrade altogether"));
        }
        return Optional.of(Finding.warning("DDR (RFC 9462) is open: with firewall.plainDns and firewall.dnsOverTls not"
                + " both block-others, a resolver of the network can name an encrypted resolver in " + NAME
                + " and macOS 13 and later moves to it; set both to block-others, or answer NXDOMAIN for " + NAME
                + " on the resolvers the Mac may reach"));
    }
}
