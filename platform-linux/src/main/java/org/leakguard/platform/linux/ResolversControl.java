package org.leakguard.platform.linux;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * Pins the resolvers in /etc/resolv.conf as a plain file and, with protectFromOverwrite, stops
 * dhclient and NetworkManager from writing it again. A file systemd-resolved owns is reported,
 * not replaced.
 */
final class ResolversControl implements Control<ResolvState> {
    static final String NM_DIR = "/etc/NetworkManager";
    static final String NM_CONF = "/etc/NetworkManager/conf.d/90-leakguard.conf";
    static final String NM_CONF_TEXT = "[main]\ndns=none\n";
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");

    @Override
    public String id() {
        return "resolvers";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.resolvers() != null && !spec.resolvers().servers().isEmpty();
    }

    @Override
    public ResolvState observe(Spec spec, Host host) throws IOException {
        Files f = host.files();
        List<String> chain = HostReads.linkChain(f, ResolvConf.PATH);
        boolean leases = HostReads.anyEndingWith(f, "/var/lib/dhcp", ".leases")
                || HostReads.anyEndingWith(f, "/var/lib/dhclient", ".lease")
                || HostReads.anyEndingWith(f, "/var/lib/dhclient", ".leases");
        return new ResolvState(
                chain,
                HostReads.readThrough(f, ResolvConf.PATH, chain),
                leases,
                f.exists(DhclientConf.DIR),
                f.readString(DhclientConf.PATH).orElse(null),
                f.exists(NM_DIR),
                f.readString(NM_CONF).orElse(null));
    }

    @Override
    public Assessment plan(Spec spec, ResolvState seen) {
        Resolvers want = spec.resolvers();
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info(ownerMessage(seen)));
        List<String> bad = want.searchDomains().stream().filter(d -> !DOMAIN.matcher(d).matches()).toList();
        if (!bad.isEmpty()) {
            findings.add(Finding.error("resolvers.searchDomains: not a domain name: " + bad + "; fix the policy"));
            return new Assessment(Status.NON_COMPLIANT, List.of(), findings);
        }
        if (seen.owner() == ResolvOwner.SYSTEMD_RESOLVED) {
            findings.add(Finding.error(ResolvedMessages.NOT_YET));
            return new Assessment(Status.NON_COMPLIANT, List.of(), findings);
        }
        if (want.servers().size() > ResolvConf.GLIBC_MAXNS) {
            findings.add(Finding.warning("resolvers.servers lists " + want.servers().size()
                    + " servers but glibc reads only the first " + ResolvConf.GLIBC_MAXNS
                    + " nameserver lines (MAXNS); the rest are written but unused"));
        }
        List<Change> changes = new ArrayList<>();
        if (want.protect()) {
            Protection.plan(want, seen, changes, findings);
        }
        planResolvConf(want, seen, changes, findings);
        if (want.encryption() != Encryption.NONE) {
            // Never silently plain: the pin holds, but the policy's encryption does not.
            findings.add(Finding.error("resolvers.encryption: " + want.encryption().yaml() + " is not applied: a plain "
                    + ResolvConf.PATH + " cannot encrypt, and this version encrypts only through systemd-resolved,"
                    + " which does not own this host's resolv.conf; queries to " + ipv4Servers(want) + " go in clear"));
            return new Assessment(Status.NON_COMPLIANT, changes, findings);
        }
        return Assessment.of(changes, findings);
    }

    private static void planResolvConf(Resolvers want, ResolvState seen, List<Change> changes, List<Finding> findings) {
        List<String> servers = want.servers().stream().map(Addresses::withScope).toList();
        String pinned = ResolvConf.pin(seen.text(), servers, want.searchDomains());
        if (!seen.isLink() && pinned.equals(seen.text())) {
            findings.add(Finding.info(ResolvConf.PATH + " pins " + servers + searchText(want)));
            return;
        }
        String why = seen.isLink()
                ? "replace the link to " + seen.linkChain().get(0) + " (" + seen.owner().label()
                        + ") with a plain file pinning " + servers
                : "pin nameservers " + servers + searchText(want) + "; keep the other lines";
        changes.add(WriteFile.text(ResolvConf.PATH, pinned, null, why));
        List<String> dropped = new ArrayList<>(ResolvConf.parseNameservers(seen.text()));
        dropped.removeAll(servers);
        if (!dropped.isEmpty()) {
            findings.add(Finding.info("nameservers " + dropped + " leave " + ResolvConf.PATH));
        }
        if (seen.owner() == ResolvOwner.WSL) {
            findings.add(Finding.warning("WSL rewrites " + ResolvConf.PATH
                    + " at start; set generateResolvConf = false under [network] in /etc/wsl.conf"));
        }
    }

    private static String searchText(Resolvers want) {
        return want.searchDomains().isEmpty() ? " with no search list" : ", search " + want.searchDomains();
    }

    private static String ownerMessage(ResolvState seen) {
        String link = seen.isLink() ? " (symlink to " + String.join(" -> ", seen.linkChain()) + ")" : "";
        return ResolvConf.PATH + link + " is written by " + seen.owner().label();
    }

    static List<String> ipv4Servers(Resolvers want) {
        return want.servers().stream().filter(a -> !Addresses.isV6(a)).map(InetAddress::getHostAddress).toList();
    }
}
