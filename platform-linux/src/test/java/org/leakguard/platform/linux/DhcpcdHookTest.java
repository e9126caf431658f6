package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.ControlContract;

class DhcpcdHookTest {
    private static final String HOST_HOOK = "# site hook\nif [ \"$reason\" = BOUND ]; then logger bound; fi\n";

    @TempDir
    Path root;

    @Test
    void theBlockGoesAfterTheHostsLinesAndMergingTwiceChangesNothing() {
        String once = DhcpcdHook.merge(HOST_HOOK);
        assertThat(once).isEqualTo(HOST_HOOK + "\n" + DhcpcdHook.MARKER + "\nskip_hooks=\"$skip_hooks resolv.conf\"\n");
        assertThat(DhcpcdHook.merge(once)).isEqualTo(once);
        assertThat(DhcpcdHook.merge(null)).isEqualTo(DhcpcdHook.MARKER + "\n" + DhcpcdHook.LINE + "\n");
    }

    @Test
    void onlyWhereDhcpcdIsInstalledAndUndoPutsTheHostsHookBack() throws Exception {
        RootFiles files = new RootFiles(root).file("/etc/resolv.conf", "nameserver 198.51.100.53\n");
        Spec spec = Specs.resolversOnly(Specs.resolvers(List.of(), true, "203.0.113.53"));
        ResolversControl control = new ResolversControl();
        var host = TestHosts.online(root, new ScriptedCommands());
        assertThat(control.plan(spec, control.observe(spec, host)).changes()).extracting(Change::target)
                .containsExactly("/etc/resolv.conf");
        files.file(DhcpcdHook.CONF, "option domain_name_servers\n").file(DhcpcdHook.PATH, HOST_HOOK);
        assertThat(ControlContract.holds(control, spec, host).changes()).extracting(Change::target)
                .containsExactly(DhcpcdHook.PATH, "/etc/resolv.conf");
        assertThat(files.read(DhcpcdHook.PATH)).isEqualTo(HOST_HOOK);
    }
}
