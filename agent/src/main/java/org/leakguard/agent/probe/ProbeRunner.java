package org.leakguard.agent.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.leakguard.agent.report.ProbeReport;

/**
 * Runs all probes at once, so three blackholed resolvers cost one timeout, not three. A probe
 * still running at the deadline is unknown, never passed.
 */
final class ProbeRunner {
    private final Duration timeout;

    ProbeRunner(Duration timeout) {
        this.timeout = timeout;
    }

    List<ProbeReport> run(List<Probe> probes) {
        if (probes.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(probes.size(), 64), r -> {
            Thread t = new Thread(r, "leakguard-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ProbeReport>> running = new ArrayList<>();
            for (Probe p : probes) {
                running.add(pool.submit(() -> attempt(p)));
            }
            // Two steps (resolve, then fetch) is the longest probe; allow both plus a margin.
            long deadline = System.nanoTime() + timeout.multipliedBy(2).plusMillis(500).toNanos();
            List<ProbeReport> out = new ArrayList<>();
            for (int i = 0; i < probes.size(); i++) {
                out.add(await(probes.get(i), running.get(i), deadline));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ProbeReport attempt(Probe p) {
        long start = System.nanoTime();
        Probe.Observed o;
        try {
            o = p.attempt().call();
        } catch (Exception e) {
            o = new Probe.Observed("could not run: " + Network.describe(e), null);
        }
        return new ProbeReport(p.kind(), p.target(), p.expected(), o.what(), o.passed(), (System.nanoTime() - start) / 1_000_000,
                o.routing() != null ? o.routing() : p.routing());
    }

    private static ProbeReport await(Probe p, Future<ProbeReport> f, long deadline) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new ProbeReport(p.kind(), p.target(), p.expected(), "did not finish in time", null, -1, p.routing());
        } catch (ExecutionException e) {
            return new ProbeReport(p.kind(), p.target(), p.expected(), "could not run: " + Network.describe(e), null, -1, p.routing());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeReport(p.kind(), p.target(), p.expected(), "interrupted", null, -1, p.routing());
        }
    }
}
