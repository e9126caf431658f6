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
 * The resolvers control against a real dhcpcd (Debian's dhcpcd-base) that was running before
 * apply, leasing from a real DHCP server that offers the "ISP" resolver and asks for a renewal
 * every few seconds.
 */
@Tag("sandbox")
class DhcpcdSandboxTest {
    private static final String PINNED = "203.0.113.53";
    private static final Spec PIN = Specs.resolversOnly(Specs.resolvers(List.of(), true, PINNED));
    /** dhcpcd -d prints this each time it runs its hooks for a lease event. */
    private static final String HOOKS = "dhcpcd-run-hooks";

    @TempDir
    Path tmp;

    @Test
    void theRunningDaemonsRenewalKeepsThePinAndRollbackLetsItWriteAgain() throws Exception {
        String[] tools = {"dhcpcd", "dnsmasq", "nsenter", "unshare", "mount", "ip"};
        assumeTrue(Sandbox.usable(tools), Sandbox.why(tools));
        try (DhcpLab lab = DhcpLab.start(tmp)) {
            Host host = TestHosts.online(lab.files(), lab.commands(null));
            host.files().write(ResolvConf.PATH, "search lab.example\nnameserver 192.0.2.1\n".getBytes(), 0644);
            lab.startInClient("dhcpcd", null, "dhcpcd", "-B", "-d", "-4", "lgc0");
            DhcpLab.await("dhcpcd's first lease writing " + DhcpLab.ISP_RESOLVER, 15,
                    () -> lab.nameservers().contains(DhcpLab.ISP_RESOLVER));

            ResolversControl control = new ResolversControl();
            List<Change> plan = control.plan(PIN, control.observe(PIN, host)).changes();
            assertThat(plan).extracting(Change::target).contains(DhcpcdHook.PATH, ResolvConf.PATH);

            List<Change> withoutHook = plan.stream().filter(c -> !c.target().equals(DhcpcdHook.PATH)).toList();
            AppliedChanges baseline = AppliedChanges.apply(host, withoutHook);
            assertThat(lab.nameservers()).containsExactly(PINNED);
            lab.awaitRenewal("dhcpcd", HOOKS);
            // dhcpcd logs the hooks as they start: resolv.conf is written a moment after the line.
            DhcpLab.await("baseline: the renewal rewriting resolv.conf with " + DhcpLab.ISP_RESOLVER, 10,
                    () -> lab.nameservers().contains(DhcpLab.ISP_RESOLVER));
            baseline.rollBack();

            AppliedChanges applied = AppliedChanges.apply(host, plan);
            lab.awaitRenewal("dhcpcd", HOOKS);
            lab.awaitRenewal("dhcpcd", HOOKS);
            assertThat(lab.nameservers()).as("renewals of the running daemon after apply").containsExactly(PINNED);
            Assessment again = control.plan(PIN, control.observe(PIN, host));
            assertThat(again.changes()).as("%s", again.findings()).isEmpty();

            applied.rollBack();
            assertThat(host.files().exists(DhcpcdHook.PATH)).as("the overlay shows the host's own hook, if any, again")
                    .isEqualTo(java.nio.file.Files.exists(Path.of(DhcpcdHook.PATH)));
            lab.awaitRenewal("dhcpcd", HOOKS);
            DhcpLab.await("rolled back: the running daemon writing DHCP's server again", 10,
                    () -> lab.nameservers().contains(DhcpLab.ISP_RESOLVER));
        }
    }
}
