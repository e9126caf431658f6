package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;

/**
 * The resolvers control against a real ISC dhclient that was running before apply, leasing from
 * a real DHCP server that offers the "ISP" resolver and asks for a renewal every few seconds.
 */
@Tag("sandbox")
class DhclientSandboxTest {
    private static final String PINNED = "203.0.113.53";
    private static final Spec PIN = Specs.resolversOnly(Specs.resolvers(List.of(), true, PINNED));
    /** dhclient -v prints this once dhclient-script has run for a lease. */
    private static final String BOUND = "bound to ";

    @TempDir
    Path tmp;

    @Test
    void theRunningDaemonsRenewalKeepsThePinOnlyWithTheHookAndRollbackLetsItWriteAgain() throws Exception {
        String[] tools = {"dhclient", "dnsmasq", "nsenter", "unshare", "mount", "ip"};
        assumeTrue(Sandbox.usable(tools), Sandbox.why(tools));
        try (DhcpLab lab = DhcpLab.start(tmp)) {
            Host host = TestHosts.online(lab.files(), lab.commands(null));
            host.files().write(ResolvConf.PATH, "search lab.example\nnameserver 192.0.2.1\n".getBytes(), 0644);
            lab.startInClient("dhclient", null, "dhclient", "-4", "-d", "-v", "-lf", tmp.resolve("client.leases").toString(),
                    "-pf", tmp.resolve("dhclient.pid").toString(), "lgc0");
            DhcpLab.await("dhclient's first lease writing " + DhcpLab.ISP_RESOLVER, 15,
                    () -> lab.nameservers().contains(DhcpLab.ISP_RESOLVER));

            ResolversControl control = new ResolversControl();
            List<Change> plan = control.plan(PIN, control.observe(PIN, host)).changes();
            assertThat(plan).extracting(Change::target).contains(DhclientHook.PATH, DhclientConf.PATH, ResolvConf.PATH);

            List<Change> withoutHook = plan.stream().filter(c -> !c.target().equals(DhclientHook.PATH)).toList();
            AppliedChanges baseline = AppliedChanges.apply(host, withoutHook);
            assertThat(lab.nameservers()).containsExactly(PINNED);
            lab.awaitRenewal("dhclient", BOUND);
            DhcpLab.await("baseline: dhclient.conf alone does not reach the running daemon, which writes "
                    + DhcpLab.ISP_RESOLVER + " back", 10, () -> lab.nameservers().equals(List.of(DhcpLab.ISP_RESOLVER)));
            baseline.rollBack();

            AppliedChanges applied = AppliedChanges.apply(host, plan);
            lab.awaitRenewal("dhclient", BOUND);
            lab.awaitRenewal("dhclient", BOUND);
            assertThat(lab.nameservers()).as("renewals of the running daemon after apply").containsExactly(PINNED);
            assertThat(lab.search()).as("the policy names no search domain: the host's stays (dhclient writes it rooted)")
                    .containsExactly(DhcpLab.ISP_DOMAIN + ".");
            Assessment again = control.plan(PIN, control.observe(PIN, host));
            assertThat(again.changes()).as("%s", again.findings()).isEmpty();

            applied.rollBack();
            assertThat(host.files().exists(DhclientHook.PATH)).isFalse();
            assertThat(host.files().exists(DhclientHook.DIR)).as("the package's folder stays").isTrue();
            lab.awaitRenewal("dhclient", BOUND);
            DhcpLab.await("rolled back: the running daemon writing DHCP's server again", 10,
                    () -> lab.nameservers().equals(List.of(DhcpLab.ISP_RESOLVER)));
        }
    }
}
