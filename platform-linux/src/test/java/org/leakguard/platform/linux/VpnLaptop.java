package org.leakguard.platform.linux;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.host.Commands;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyLoader;
import org.leakguard.agent.portal.Portals;
import org.leakguard.agent.spi.Assessment;

/**
 * A laptop policy for the sandbox tests: pinned to a resolver nobody runs, a corporate route to
 * {@link ResolverLab#ROUTE_SERVER}, a VPN-client exception, a captive-portal window; and a host
 * over a temporary root whose /etc/passwd knows the VPN client's user.
 */
final class VpnLaptop {
    static final int VPN_UID = 4242;
    static final int OTHER_UID = 4243;
    /**
     * A captive-portal window a test waits out: long enough for the lookups and the plan a test
     * runs inside it on a loaded machine, short enough to wait for the kernel to close it.
     */
    static final Duration SHORT_WINDOW = Duration.ofSeconds(6);
    /** How long a test waits, after its checks inside a {@link #SHORT_WINDOW}, for the kernel to close it. */
    static final int CLOSE_WITHIN_SECONDS = 15;

    private VpnLaptop() {}

    static LoadedPolicy policy(String exceptions, String portal) throws Exception {
        return policy(List.of(ResolverLab.PINNED), exceptions, portal);
    }

    /** As above, pinned to {@code pinned} (IPv6 ones too). */
    static LoadedPolicy policy(List<String> pinned, String exceptions, String portal) throws Exception {
        String servers = String.join(", ", pinned.stream().map(a -> "\"" + a + "\"").toList());
        String yaml = "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata:\n  name: sandbox-vpn-laptop\nspec:\n"
                + "  resolvers:\n    servers: [" + servers + "]\n    routes:\n      - domains: [corp.example]\n"
                + "        servers: [" + ResolverLab.ROUTE_SERVER + "]\n"
                + "  firewall:\n    plainDns: block-others\n    dnsOverTls: block-others\n"
                + (exceptions == null ? "" : "    exceptions:\n" + exceptions)
                + (portal == null ? "" : "    portal:\n      maxWindow: " + portal + "\n");
        return new PolicyLoader().parse("vpn-laptop.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** The real clock: a window's timeout and a lease's expiry are real times. */
    static Host host(Path root, Commands commands) throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n"
                + "lgvpn:x:" + VPN_UID + ":" + VPN_UID + ":VPN client:/nonexistent:/usr/sbin/nologin\n"
                + "lgother:x:" + OTHER_UID + ":" + OTHER_UID + "::/nonexistent:/usr/sbin/nologin\n");
        return new Host(TestHosts.LINUX, new LocalFiles(root), commands, false, Clock.systemUTC());
    }

    static Assessment applyFirewall(LoadedPolicy policy, Host host) throws Exception {
        FirewallControl control = new FirewallControl();
        var spec = policy.policy().spec();
        Assessment a = control.plan(spec, control.observe(spec, host));
        for (Change c : a.changes()) {
            c.apply(host); // the boot files land under the temporary root
        }
        return a;
    }

    /** The captive-portal window's journal under {@code tmp}, reading back the Linux steps it records. */
    static StateDir portalState(Path tmp) {
        ObjectMapper journal = new ObjectMapper();
        journal.registerSubtypes(new LinuxPlatform().journalTypes().toArray(Class<?>[]::new));
        return new StateDir(tmp.resolve("state/portal"), journal);
    }

    /** The window through the journal in {@code state}, on the real clock. */
    static Portals portals(Host host, StateDir state) {
        return new Portals(new LinuxPortalWindow(), host, state, Clock.systemUTC());
    }

    /** Whether the kernel holds no window element, read as the agent reads it; false while it cannot be read. */
    static boolean windowClosed(Host host) {
        try {
            return new LinuxPortalWindow().openNow(host).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** The argv prefix that runs a command as {@code uid}, with no supplementary groups. */
    static String[] as(int uid) {
        return new String[] {"setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups"};
    }
}
