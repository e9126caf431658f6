package org.leakguard.platform.linux;

import org.leakguard.agent.spi.ControlContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;

/**
 * The ipv6 control against a real /proc/sys/net: a fresh namespace's own. The values are read and
 * written by programs run inside it; the test JVM never writes /proc itself.
 */
@Tag("sandbox")
class Ipv6SandboxTest {
    private static final Spec DISABLE = Specs.ipv6(Toggle.DISABLE, null);

    @TempDir
    Path root;

    private Netns ns;

    @BeforeEach
    void up() throws Exception {
        assumeTrue(Sandbox.usable("ip"), Sandbox.why("ip"));
        ns = Netns.create("v6");
        assumeTrue(ns.exec(null, "test", "-d", "/proc/sys/net/ipv6").ok(), "skipped: kernel without IPv6");
        ns.run("ip", "link", "add", "lg0.7", "type", "veth", "peer", "name", "lg1");
    }

    @AfterEach
    void down() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    private String value(String name) throws Exception {
        return ns.run("cat", "/proc/sys/net/ipv6/conf/" + name + "/disable_ipv6").stdout().strip();
    }

    @Test
    void disablesEverywhereAndUndoRestoresEachInterface() throws Exception {
        Sandbox.check(ns.exec("1\n", "tee", "/proc/sys/net/ipv6/conf/lg1/disable_ipv6"), "tee");
        Host host = TestHosts.online(new NetnsProcFiles(ns, root), new ScriptedCommands());
        ControlContract.holds(new Ipv6Control(), DISABLE, host);
        assertThat(value("all")).isEqualTo("0");
        assertThat(value("default")).isEqualTo("0");
        assertThat(value("lo")).isEqualTo("0");
        assertThat(value("lg0.7")).isEqualTo("0");
        assertThat(value("lg1")).as("an interface that was already off stays off after undo").isEqualTo("1");
    }

    @Test
    void appliedValuesAreOneInTheNamespace() throws Exception {
        Host host = TestHosts.online(new NetnsProcFiles(ns, root), new ScriptedCommands());
        Ipv6Control control = new Ipv6Control();
        for (var c : control.plan(DISABLE, control.observe(DISABLE, host)).changes()) {
            c.apply(host);
        }
        for (String name : new String[] {"all", "default", "lg0.7", "lg1"}) {
            assertThat(value(name)).as(name).isEqualTo("1");
        }
        assertThat(value("lo")).as("loopback keeps IPv6 unless the policy says ipv6Loopback: disable").isEqualTo("0");
        assertThat(ns.run("ip", "-6", "addr", "show", "dev", "lo").stdout()).contains("::1/128");
        assertThat(root.resolve("etc/sysctl.d/90-leakguard-ipv6.conf")).content().contains("net.ipv6.conf.lo.disable_ipv6 = 0");
        assertThat(control.plan(DISABLE, control.observe(DISABLE, host)).status()).as("applied is compliant")
                .isEqualTo(org.leakguard.agent.spi.Status.COMPLIANT);
    }

    @Test
    void loopbackThatWasOffIsBackOffAfterUndoAndIpv6LoopbackDisableTurnsItOff() throws Exception {
        Sandbox.check(ns.exec("1\n", "tee", "/proc/sys/net/ipv6/conf/lo/disable_ipv6"), "tee");
        Host host = TestHosts.online(new NetnsProcFiles(ns, root), new ScriptedCommands());
        ControlContract.holds(new Ipv6Control(), DISABLE, host);
        assertThat(value("lo")).as("undo puts lo back as it was, off").isEqualTo("1");
        assertThat(value("all")).isEqualTo("0");

        Spec everywhere = Ipv6ControlTest.EVERYWHERE;
        Ipv6Control control = new Ipv6Control();
        for (var c : control.plan(everywhere, control.observe(everywhere, host)).changes()) {
            c.apply(host);
        }
        assertThat(value("lo")).isEqualTo("1");
        assertThat(value("all")).isEqualTo("1");
    }
}
