package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** apply --confirm-within on the packaged agent: unconfirmed changes undo themselves, confirmed ones stay. */
class ConfirmSandboxTest extends SandboxTest {
    /** Long enough for the agent runs inside it on a loaded machine: each start may decide the deadline passed. */
    private static final Duration WINDOW = Duration.ofSeconds(8);

    @Test
    void anUnconfirmedApplyIsRolledBackAfterItsDeadline() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        Map<String, byte[]> before = LinuxSandboxTest.snapshot(sandbox.etc);

        Run apply = sandbox.agent("apply", writePolicy(LinuxSandboxTest.POLICY).toString(), "--confirm-within", WINDOW.toSeconds() + "s");
        Instant applied = Instant.now();

        assertThat(apply.exit()).as(apply.toString()).isZero();
        assertThat(apply.stdout()).contains("pending until", "agent confirm");
        Run status = sandbox.agent("status");
        assertThat(status.stdout()).contains("pending", "rolled back at");
        assertThat(sandbox.agent("apply", writePolicy(LinuxSandboxTest.POLICY).toString()).exit()).as("a second apply waits for the decision").isEqualTo(2);

        sleepPast(applied);
        Run expired = sandbox.agent("rollback", "--expired");

        assertThat(expired.exit()).as(expired.toString()).isZero();
        assertThat(expired.stdout()).contains("was not confirmed before");
        LinuxSandboxTest.assertSameFiles(LinuxSandboxTest.snapshot(sandbox.etc), before);
        assertThat(sandbox.nftTable().exit()).isNotZero();
    }

    @Test
    void aConfirmedApplyStaysAfterItsDeadline() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        assertThat(sandbox.agent("apply", writePolicy(LinuxSandboxTest.POLICY).toString(), "--confirm-within", WINDOW.toSeconds() + "s").exit()).isZero();
        Instant applied = Instant.now();

        Run confirm = sandbox.agent("confirm");
        sleepPast(applied);
        Run check = sandbox.agent("check", writePolicy(LinuxSandboxTest.POLICY).toString());

        assertThat(confirm.exit()).as(confirm.toString()).isZero();
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.stdout()).doesNotContain("not confirmed");
        assertThat(Files.readString(sandbox.resolvConf())).contains("nameserver 203.0.113.53");
        assertThat(sandbox.nftTable().exit()).isZero();
    }

    /** Sleeps until a second past the deadline of an apply that returned at {@code applied} (it set it before). */
    private static void sleepPast(Instant applied) throws InterruptedException {
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), applied.plus(WINDOW).plusSeconds(1)).toMillis()));
    }
}
