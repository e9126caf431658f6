package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Macos;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

class PrivateRelayTest {
    static final Spec OFF = new Spec(null, null, null, null, null, null, null, null, null, null, null, new Macos(Toggle.DISABLE));

    @TempDir
    Path root;

    final ScriptedCommands commands = MacHosts.asRoot(new ScriptedCommands());
    final PrivateRelayControl control = new PrivateRelayControl();

    Assessment plan() {
        return control.plan(OFF, control.observe(OFF, MacHosts.online(root, commands)));
    }

    @Test
    void withoutAProfileThatTurnsItOffItIsNonCompliantAndSaysHowOnBothSides() {
        commands.ok(Captures.text("profiles-show--restrictions-private-relay-allowed.xml"), PrivateRelay.SHOW.toArray(String[]::new));

        Assessment a = plan();

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("Private Relay may be on", "agent profile export"))
                .anySatisfy(m -> assertThat(m).contains("NXDOMAIN", "mask.icloud.com", "mask-h2.icloud.com"));
    }

    @Test
    void aProfileWithTheRestrictionIsCompliant() {
        commands.ok(Captures.text("profiles-show--restrictions-private-relay-off.xml"), PrivateRelay.SHOW.toArray(String[]::new));

        assertThat(plan().status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void unreadableProfilesAreUnknown() {
        commands.fail(1, "profiles: an error\n", PrivateRelay.SHOW.toArray(String[]::new));

        assertThat(plan().status()).isEqualTo(Status.UNKNOWN);
    }

    /** Run by another user, profiles show leaves out computer-level profiles: unknown, never "may be on". */
    @Test
    void anUnprivilegedCheckIsUnknownNeverMissing() {
        ScriptedCommands user = MacHosts.asUser(new ScriptedCommands());

        Assessment a = control.plan(OFF, control.observe(OFF, MacHosts.online(root, user)));

        assertThat(a.status()).isEqualTo(Status.UNKNOWN);
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("needs root to read installed profiles"))
                .noneSatisfy(m -> assertThat(m).contains("may be on"));
        Diagnosis d = MacDiagnosis.privateRelay(MacHosts.online(root, user));
        assertThat(d.summary()).contains("could not tell", "needs root to read installed profiles");
        assertThat(user.argvs()).doesNotContain(PrivateRelay.SHOW);
    }

    @Test
    void onlyThePolicyKeyTurnsTheControlOn() {
        assertThat(control.governs(OFF)).isTrue();
        assertThat(control.governs(Specs.pin("203.0.113.53"))).isFalse();
        assertThat(control.governs(new Spec(null, null, null, null, null, null, null, null, null, null, null,
                new Macos(Toggle.KEEP)))).isFalse();
    }

    @Test
    void diagnoseWarnsWhilePrivateRelayMayBeActive() {
        commands.ok("There are no configuration profiles installed\n", PrivateRelay.SHOW.toArray(String[]::new));
        Diagnosis may = MacDiagnosis.privateRelay(MacHosts.online(root, commands));
        assertThat(may.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(may.summary()).contains("may be active", "macos.privateRelay: disable", "mask.icloud.com");

        ScriptedCommands off = MacHosts.asRoot(new ScriptedCommands()).ok(Captures.text("profiles-show--restrictions-private-relay-off.xml"),
                PrivateRelay.SHOW.toArray(String[]::new));
        assertThat(MacDiagnosis.privateRelay(MacHosts.online(root, off)).severity()).isEqualTo(Finding.Severity.INFO);
    }
}
