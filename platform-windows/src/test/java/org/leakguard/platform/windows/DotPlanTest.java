package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * encryption: dot on Windows: only netsh sets it; its result is read back from the registry, never
 * from netsh's text; the global dot= switch is unreadable, so it is never compliant. The build
 * number (registry, locale-free) says whether the client exists at all.
 */
class DotPlanTest {
    private static final Spec DOT = Specs.spec(new Resolvers(Specs.ips("203.0.113.53", "2001:db8::53"), null, null, true,
            Encryption.DOT, "dns.corp.example", null));
    private static final String NETSH = FakeWindows.NETSH;

    private final DohControl control = new DohControl();
    private final FakeWindows win = new FakeWindows();

    private Assessment plan() throws Exception {
        return control.plan(DOT, control.observe(DOT, win.host()));
    }

    /** Windows 11 23H2 (22631) has no DoT client: not supported, with the reason, and nothing runs. */
    @Test
    void aBuildWithoutTheClientIsUnknownAndSaysNotSupported() throws Exception {
        win.registry.put(SystemPrograms.CURRENT_VERSION, DotPlan.BUILD, RegValue.sz("22631"));

        Assessment a = plan();

        assertThat(a.status()).isEqualTo(Status.UNKNOWN);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).singleElement().extracting(Finding::message).asString()
                .contains("not supported on Windows build 22631", "25158", "encryption: doh");
        assertThat(win.ran()).isEmpty();
    }

    /**
     * A build with DoT: netsh by its absolute path per server, read back from the registry, undone
     * exactly; after the apply still unknown (the global dot= switch is unreadable), never compliant.
     */
    @Test
    void eachServerGoesThroughNetshIsReadBackAndIsUndoneExactly() throws Exception {
        Host host = dotHost();
        Map<String, Map<String, RegValue>> before = win.registry.snapshot();

        Assessment a = plan();

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).extracting(Change::target).containsExactly("DoT entry for 203.0.113.53", "DoT entry for 2001:db8::53");
        List<BeforeImage> images = new ArrayList<>();
        for (Change c : a.changes()) {
            images.add(c.capture(host));
            c.apply(host);
        }
        assertThat(win.ran()).containsExactly(
                NETSH + " dnsclient add encryption server=203.0.113.53 dothost=dns.corp.example:853 autoupgrade=yes udpfallback=no",
                NETSH + " dnsclient add encryption server=2001:db8::53 dothost=dns.corp.example:853 autoupgrade=yes udpfallback=no");
        assertThat(win.registry.value(DotEntry.key("203.0.113.53"), DotEntry.HOST)).contains(RegValue.sz("dns.corp.example"));

        Assessment after = plan();

        assertThat(after.status()).isEqualTo(Status.UNKNOWN);
        assertThat(after.changes()).isEmpty();
        assertThat(after.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("global dot= switch",
                NETSH + " dnsclient add global dot=yes", "inferred", "not documented"));

        for (int i = a.changes().size() - 1; i >= 0; i--) {
            a.changes().get(i).undo(host, images.get(i));
            assertThat(a.changes().get(i).isAt(host, images.get(i))).isTrue();
        }
        assertThat(win.registry.snapshot()).isEqualTo(before);
        assertThat(win.ran()).contains(NETSH + " dnsclient delete encryption server=2001:db8::53 protocol=dot");
    }

    /** A server already on the DoH list (its key holds Template) keeps its key and its DoH value after the undo. */
    @Test
    void aServerOnTheDohListKeepsItsKey() throws Exception {
        Host host = dotHost();
        win.registry.put(DotEntry.key("203.0.113.53"), "Template", RegValue.sz("https://dns.corp.example/dns-query"));
        Map<String, Map<String, RegValue>> before = win.registry.snapshot();
        Change first = plan().changes().get(0);

        BeforeImage image = first.capture(host);
        first.apply(host);
        first.undo(host, image);

        assertThat(win.registry.snapshot()).isEqualTo(before);
    }

    /** Where netsh refuses (a build without the client), the change fails by its exit code and nothing is left. */
    @Test
    void whereNetshRefusesTheChangeFailsAndLeavesNothing() throws Exception {
        Host host = dotHost();
        win.doh.dotClient = false;
        Map<String, Map<String, RegValue>> before = win.registry.snapshot();
        Change first = plan().changes().get(0);
        BeforeImage image = first.capture(host);

        assertThatThrownBy(() -> first.apply(host)).isInstanceOf(IOException.class)
                .hasMessageContaining("exited 1").hasMessageContaining("no DNS over TLS client");
        first.undo(host, image);
        assertThat(win.registry.snapshot()).isEqualTo(before);
    }

    /** netsh says yes but the registry place leakguard reads did not change: not confirmed, an error, never a pass. */
    @Test
    void aSuccessTheRegistryDoesNotShowIsAnError() throws Exception {
        win.registry.put(SystemPrograms.CURRENT_VERSION, DotPlan.BUILD, RegValue.sz("25158"));
        win.commands.on(DotPlan.encryptionArgv(NETSH, Specs.ips("203.0.113.53").get(0), "dns.corp.example"),
                new CommandResult(0, "\r\n", ""));
        Change first = plan().changes().get(0);
        first.capture(win.host());

        assertThatThrownBy(() -> first.apply(win.host())).isInstanceOf(IOException.class)
                .hasMessageContaining("DotHost is absent").hasMessageContaining("not confirmed");
    }

    /** An entry naming another host is reported, not replaced: its undo could not be exact. */
    @Test
    void anEntryNamingAnotherHostIsReportedNotReplaced() throws Exception {
        dotHost();
        win.registry.put(DotEntry.key("203.0.113.53"), DotEntry.HOST, RegValue.sz("other.example"));

        Assessment a = plan();

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).extracting(Change::target).containsExactly("DoT entry for 2001:db8::53");
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("\"other.example\"",
                NETSH + " dnsclient delete encryption server=203.0.113.53 protocol=dot"));
    }

    /** A build with DoT; its DoH list's key exists, as on every Windows with the client (netsh opens it, never creates it). */
    private Host dotHost() {
        win.registry.put(SystemPrograms.CURRENT_VERSION, DotPlan.BUILD, RegValue.sz("25158")).key(Keys.DOH_SERVERS);
        win.doh.netshDot("203.0.113.53", "dns.corp.example").netshDot("2001:db8::53", "dns.corp.example");
        return win.host();
    }

    @Test
    void anUnknownBuildIsUnknown() throws Exception {
        Assessment a = plan();

        assertThat(a.status()).isEqualTo(Status.UNKNOWN);
        assertThat(a.findings()).singleElement().extracting(Finding::message).asString().contains("CurrentBuild is absent");
    }

    /** A GPO that blocks DoT (or prohibits all encryption) wins over any netsh setting: non-compliant, named. */
    @Test
    void aGroupPolicyThatBlocksDotIsNonCompliantAndNamed() throws Exception {
        win.registry.put(SystemPrograms.CURRENT_VERSION, DotPlan.BUILD, RegValue.sz("25158"))
                .put(Keys.DNS_POLICY, DohMode.DOT_SETTING, RegValue.dword(1));

        Assessment a = plan();

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(f.message()).contains("DotPolicySetting = 1 (Block DoT)", "Configure DNS over HTTPS (DoH) name resolution");
        });
    }

    /** Nothing netsh would read as a second argument reaches dothost=. */
    @ParameterizedTest
    @ValueSource(strings = {"dns.example dothost=evil", "dns.example:853", "-x", "a..b", "dns example", ""})
    void aHostNetshCouldMisreadIsRefused(String bad) {
        assertThatThrownBy(() -> DotPlan.encryptionArgv(NETSH, Specs.ips("203.0.113.53").get(0), bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resolvers.tlsName");
    }
}
