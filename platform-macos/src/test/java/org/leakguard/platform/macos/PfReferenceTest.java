package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** pf enable references: the token {@code pfctl -E} prints is journaled and released with {@code pfctl -X} on undo, and no one else's reference is ever dropped. */
class PfReferenceTest extends PfFixture {
    @Test
    void contractHoldsAndRollbackReleasesOnlyOurReferenceWhileAVpnKeepsPfOn() throws Exception {
        pf.heldBy(VPN);

        ControlContract.holds(control, spec, host());

        assertThat(pf.released).containsExactly(List.of("pfctl", "-X", OURS));
        assertThat(pf.references).containsOnlyKeys(VPN);
        assertThat(commands.argvs()).noneMatch(a -> a.contains("-d")).noneMatch(a -> a.contains("-X") && a.contains(VPN));
        assertThat(commands.argvs()).contains(List.of("pfctl", "-a", "com.apple/250.leakguard", "-F", "rules"),
                List.of("pfctl", "-a", "com.apple/250.leakguard", "-F", "Tables"), List.of("pfctl", "-k", "0.0.0.0/0", "-k", "198.51.100.1"));
        assertThat(pf.exists()).isFalse();
        assertThat(root.resolve("Library/LaunchDaemons/org.leakguard.pf.plist")).doesNotExist();
    }

    @Test
    void theTokenPfctlPrintsIsKeptSoTheNextCheckSeesTheReferenceHeld() throws Exception {
        Host host = host();
        Assessment a = control.plan(spec, control.observe(spec, host));
        for (Change c : a.changes()) {
            c.capture(host);
            c.apply(host);
        }

        assertThat(Files.readString(root.resolve("var/db/leakguard/pf.token"))).isEqualTo(OURS + "\n");
        assertThat(Files.getPosixFilePermissions(root.resolve("var/db/leakguard/pf.token")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        Assessment again = control.plan(spec, control.observe(spec, host));
        assertThat(again.status()).isEqualTo(Status.COMPLIANT);
        assertThat(again.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("loaded and intact"));
    }

    @Test
    void aRebootTakesTheReferenceFromTheLaunchDaemonsLog() throws Exception {
        Host host = host();
        for (Change c : control.plan(spec, control.observe(spec, host)).changes()) {
            c.apply(host);
        }
        pf.references.clear();
        pf.references.put("42", 1L);
        Files.createDirectories(root.resolve("var/log"));
        Files.writeString(root.resolve("var/log/leakguard-pf.log"), FakePf.ALTQ + "pf enabled\nToken : 42\n");

        assertThat(control.plan(spec, control.observe(spec, host)).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void undoWithATokenARebootDroppedLeavesPfAlone() throws Exception {
        Host host = host();
        EnablePf enable = new EnablePf(LaunchDaemon.TOKEN, "test");
        enable.apply(host);
        pf.references.clear();

        enable.undo(host, new BeforeImage.Nothing());

        assertThat(pf.released).isEmpty();
    }

    @Test
    void theTokenIsInTheJournalSoRollbackReleasesItEvenWithoutTheTokenFile() throws Exception {
        Host host = host();
        List<Change> changes = control.plan(spec, control.observe(spec, host)).changes();
        List<BeforeImage> images = new ArrayList<>();
        for (Change c : changes) {
            images.add(c.capture(host));
            c.apply(host);
        }
        int keep = changes.stream().map(Change::target).toList().indexOf("pf enable token");
        assertThat(images.get(keep)).isEqualTo(new PfToken(OURS));
        Files.delete(root.resolve("var/db/leakguard/pf.token"));

        for (int i = changes.size() - 1; i >= 0; i--) {
            changes.get(i).undo(host, images.get(i));
        }

        assertThat(pf.released).containsExactly(List.of("pfctl", "-X", OURS));
        assertThat(pf.references).isEmpty();
    }

    @Test
    void removingTheFirewallReleasesOurReferenceAndTheBootOne() throws Exception {
        Host host = host();
        for (Change c : control.plan(spec, control.observe(spec, host)).changes()) {
            c.apply(host);
        }
        pf.heldBy(VPN).accept("42");
        pf.references.put("42", 3L);
        Files.createDirectories(root.resolve("var/log"));
        Files.writeString(root.resolve("var/log/leakguard-pf.log"), FakePf.ALTQ + "pf enabled\nToken : 42\n");
        Spec off = new Spec(spec.resolvers(), null, null, new org.leakguard.agent.policy.Firewall(null, null, null, null), null, null);

        List<Change> removal = control.plan(off, control.observe(off, host)).changes();
        for (Change c : removal) {
            c.apply(host);
        }

        assertThat(pf.released).containsExactlyInAnyOrder(List.of("pfctl", "-X", OURS), List.of("pfctl", "-X", "42"));
        assertThat(pf.references).containsOnlyKeys(VPN);
        assertThat(pf.exists()).isFalse();
        assertThat(control.plan(off, control.observe(off, host)).changes()).isEmpty();

        ReleasePf release = (ReleasePf) removal.stream().filter(c -> c instanceof ReleasePf).findFirst().orElseThrow();
        release.undo(host, release.capture(host));
        assertThat(pf.references).as("undo takes one reference back").containsOnlyKeys(VPN, OURS);
        assertThat(release.isAt(host, new BeforeImage.Nothing())).isTrue();
    }
}
