package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * encryption: dot on Windows: only netsh sets it and nothing reads it back locale-free, so it is
 * never compliant; the build number (registry, locale-free) says whether the client exists at all.
 */
class DotPlanTest {
    private static final Spec DOT = Specs.spec(new Resolvers(Specs.ips("203.0.113.53", "2001:db8::53"), null, null, true,
            Encryption.DOT, "dns.corp.example", null));
    private static final String NETSH = "C:\\WINDOWS\\System32\\netsh.exe";

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

    /** A build that may have it: still unknown, never compliant, and the exact commands come from validated values. */
    @Test
    void aBuildThatMayHaveItIsUnknownAndNamesTheExactCommands() throws Exception {
        win.registry.put(SystemPrograms.CURRENT_VERSION, DotPlan.BUILD, RegValue.sz("25158"));

        Assessment a = plan();

        assertThat(a.status()).isEqualTo(Status.UNKNOWN);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("no", "locale-free read", "undocumented",
                "writes nothing"));
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains(NETSH + " dnsclient add global dot=yes",
                NETSH + " dnsclient add encryption server=203.0.113.53 dothost=dns.corp.example:853 autoupgrade=yes udpfallback=no",
                "server=2001:db8::53 dothost=dns.corp.example:853"));
        assertThat(win.ran()).isEmpty();
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
