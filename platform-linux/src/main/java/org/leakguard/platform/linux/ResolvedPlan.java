package org.leakguard.platform.linux;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.spi.Finding;

/** The changes that make systemd-resolved use only the pinned resolvers. Pure: no I/O. */
final class ResolvedPlan {
    static final List<String> RESTART = List.of("systemctl", "restart", "systemd-resolved");

    private ResolvedPlan() {}

    /**
     * Adds the drop-in and, where systemd runs, a restart after it (a rollback restarts again once
     * the drop-in is gone). A drop-in already in place is judged by what the running daemon holds:
     * one it has not read yet gets the restart alone where systemd runs. Returns false when another
     * drop-in overrides the pin, or when the pin is not in effect and nothing here can restart it.
     */
    static boolean plan(Resolvers want, ResolvState seen, List<Change> changes, List<Finding> findings) {
        ResolvedState resolved = seen.resolved();
        List<String> servers = want.servers().stream().map(Addresses::withScope).toList();
        String text = ResolvedDropIn.render(want);
        List<String> stubs = servers.stream().filter(ResolvedDropIn.STUBS::contains).toList();
        if (!stubs.isEmpty()) {
            findings.add(Finding.warning(ResolvedMessages.stubs(stubs)));
        }
        if (text.equals(resolved.dropIn())) {
            findings.add(Finding.info(ResolvedMessages.pins(servers)));
            boolean clean = checkOverrides(want, resolved, findings);
            return inEffect(want, seen, clean, changes, findings) && clean;
        }
        changes.add(WriteFile.text(ResolvedDropIn.PATH, text, 0644, ResolvedMessages.write(servers)));
        if (seen.canRunSystemctl()) {
            changes.add(new Reload(RESTART, ResolvedMessages.RESTART));
        } else if (seen.offline()) {
            findings.add(Finding.info(ResolvedMessages.noRestart(true)));
        } else {
            findings.add(Finding.warning(ResolvedMessages.noRestart(false)));
        }
        return checkOverrides(want, resolved, findings);
    }

    /**
     * Whether every pinned server is one of resolved's stub addresses (with an error saying so):
     * it drops them from DNS=, so the drop-in would pin no server and the per-link ones answer.
     */
    static boolean onlyStubs(Resolvers want, List<Finding> findings) {
        List<String> servers = want.servers().stream().map(Addresses::withScope).toList();
        if (servers.isEmpty() || !ResolvedDropIn.STUBS.containsAll(servers)) {
            return false;
        }
        findings.add(Finding.error(ResolvedMessages.onlyStubs(servers)));
        return true;
    }

    /** Whether the running daemon holds the drop-in's settings, where it can be asked; else says the file was judged alone. */
    private static boolean inEffect(Resolvers want, ResolvState seen, boolean clean, List<Change> changes,
            List<Finding> findings) {
        ResolvedState resolved = seen.resolved();
        if (resolved.runtime() instanceof ResolvedRuntime.Stopped) {
            findings.add(Finding.warning(ResolvedMessages.stopped()));
            return true;
        }
        if (resolved.runtime() instanceof ResolvedRuntime.Unread unread) {
            return unread(unread, seen, findings);
        }
        ResolvedRuntime.Running running = (ResolvedRuntime.Running) resolved.runtime();
        List<String> differences = ResolvedInEffect.differences(want, running.global());
        if (differences.isEmpty()) {
            List<String> scoped = ResolvedInEffect.notCompared(want);
            findings.add(scoped.isEmpty() ? Finding.info(ResolvedMessages.inEffect())
                    : Finding.warning(ResolvedMessages.scopedNotCompared(scoped)));
            return true;
        }
        if (clean && startedAfter(running.started(), resolved.written())) {
            // It read this very file and still differs: a restart reads it again, so proposing one would loop.
            findings.add(Finding.error(ResolvedMessages.differsAfterStart(differences, running.started(), resolved.written())));
            return false;
        }
        boolean restart = clean && seen.canRunSystemctl();
        ResolvedMessages.Remedy remedy = !clean ? ResolvedMessages.Remedy.OVERRIDDEN
                : restart ? ResolvedMessages.Remedy.APPLY : ResolvedMessages.Remedy.BY_HAND;
        findings.add(Finding.error(ResolvedMessages.notInEffect(differences, remedy)));
        if (restart) {
            changes.add(new Reload(RESTART, ResolvedMessages.STALE));
        }
        return restart;
    }

    /**
     * The daemon could not be asked. Where systemd runs, apply restarted it after writing the file;
     * an offline image reads it at boot; elsewhere nothing shows it was read, so it is not compliant.
     */
    private static boolean unread(ResolvedRuntime.Unread unread, ResolvState seen, List<Finding> findings) {
        if (seen.offline() || seen.systemd()) {
            String text = ResolvedMessages.unread(unread.why(), true);
            findings.add(seen.offline() ? Finding.info(text) : Finding.warning(text));
            return true;
        }
        findings.add(Finding.error(ResolvedMessages.unread(unread.why(), false)));
        return false;
    }

    /**
     * Whether the daemon's process surely started after the drop-in was last written: by more than
     * {@link #CLOCK_SLACK}, the hundredths of a second the start is counted in and the jiffy a file's
     * time is coarse by. apply restarts it right after the write, so its verification sees that.
     */
    static boolean startedAfter(Instant started, Instant written) {
        return started != null && written != null && started.isAfter(written.plus(CLOCK_SLACK));
    }

    static final Duration CLOCK_SLACK = Duration.ofMillis(50);

    private static boolean checkOverrides(Resolvers want, ResolvedState resolved, List<Finding> findings) {
        Map<String, String> ours = ResolvedDropIn.keys(want);
        boolean clean = true;
        for (ResolvedDropInFile later : resolved.laterDropIns()) {
            List<String> keys = ResolvedDropIn.overrides(ours, later.text());
            if (!keys.isEmpty()) {
                findings.add(Finding.error(ResolvedMessages.overridden(later.path(), keys)));
                clean = false;
            }
        }
        return clean;
    }

    /** resolved's uplink file as /etc/resolv.conf: programs read the per-link servers from it directly. */
    static boolean isUplinkMode(ResolvState seen) {
        return seen.linkChain().stream().map(p -> p.startsWith("/var/run/") ? p.substring(4) : p)
                .anyMatch(ResolversInUse.RESOLVED_UPLINKS::equals);
    }
}
