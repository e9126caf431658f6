package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.BeforeImage;
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
                    () -> resolvConf(host).contains("nameserver " + DhcpLab.ISP_RESOLVER));

            ResolversControl control = new ResolversControl();
            List<Change> plan = control.plan(PIN, control.observe(PIN, host)).changes();
            assertThat(plan).extracting(Change::target).contains(DhclientHook.PATH, DhclientConf.PATH, ResolvConf.PATH);

            List<Change> withoutHook = plan.stream().filter(c -> !c.target().equals(DhclientHook.PATH)).toList();
            List<BeforeImage> before = apply(host, withoutHook);
            assertThat(servers(host)).containsExactly(PINNED);
            renewal(lab);
            assertThat(servers(host)).as("baseline: dhclient.conf alone does not reach the running daemon")
                    .containsExactly(DhcpLab.ISP_RESOLVER);
            undo(host, withoutHook, before);

            before = apply(host, plan);
            renewal(lab);
            renewal(lab);
            assertThat(servers(host)).as("renewals of the running daemon after apply").containsExactly(PINNED);
            Assessment again = control.plan(PIN, control.observe(PIN, host));
            assertThat(again.changes()).as("%s", again.findings()).isEmpty();

            undo(host, plan, before);
            assertThat(host.files().exists(DhclientHook.PATH)).isFalse();
            assertThat(host.files().exists(DhclientHook.DIR)).as("the package's folder stays").isTrue();
            renewal(lab);
            assertThat(servers(host)).as("rolled back: the running daemon writes DHCP's server again")
                    .containsExactly(DhcpLab.ISP_RESOLVER);
        }
    }

    /** Waits for the running dhclient to be bound again after a renewal: its script has run by then. */
    private static void renewal(DhcpLab lab) throws Exception {
        int bound = count(lab.log("dhclient"), "bound to ");
        DhcpLab.await("a renewal by the running dhclient", 3 * DhcpLab.RENEW_SECONDS + 5,
                () -> count(uncheckedLog(lab), "bound to ") > bound);
    }

    private static String uncheckedLog(DhcpLab lab) {
        try {
            return lab.log("dhclient");
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    private static String resolvConf(Host host) {
        try {
            return host.files().readString(ResolvConf.PATH).orElse("");
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static List<String> servers(Host host) {
        return ResolvConf.parseNameservers(resolvConf(host));
    }

    private static List<BeforeImage> apply(Host host, List<Change> changes) throws Exception {
        List<BeforeImage> before = new ArrayList<>();
        for (Change c : changes) {
            before.add(c.capture(host));
            c.apply(host);
        }
        return before;
    }

    private static void undo(Host host, List<Change> changes, List<BeforeImage> before) throws Exception {
        for (int i = changes.size() - 1; i >= 0; i--) {
            changes.get(i).undo(host, before.get(i));
        }
    }
}
