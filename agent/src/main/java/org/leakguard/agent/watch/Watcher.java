package org.leakguard.agent.watch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.leakguard.agent.spi.EventFeed;

/**
 * The event loop of {@code agent watch}: inotify (the JDK WatchService) on the folders of what the
 * last plan read, the platform's event feeds (nft's monitor: a flushed ruleset is seen within
 * milliseconds), a plan at every relevant event and every poll interval (kernel values give no
 * event at all), a repair when a plan finds a drift, and back-off when the drift keeps coming back. While backing off no folder is watched at all, so a fighter that
 * rewrites a file thousands of times a second costs this process nothing.
 */
public final class Watcher {
    private static final Object STOP = new Object();
    /** Events that come together (a write, then a rename) are one drift. */
    private static final Duration SETTLE = Duration.ofMillis(20);
    private static final Duration SETTLE_MAX = Duration.ofMillis(100);

    private final WatchTarget target;
    private final Duration poll;
    private final Backoff backoff;
    private final Clock clock;
    private final PrintWriter log;
    private final Predicate<String> isDir;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Map<WatchKey, String> keys = new ConcurrentHashMap<>();
    /** What wakes the loop: a signalled folder {@link WatchKey}, a feed's reason, or {@link #STOP}. */
    private final BlockingQueue<Object> wakes = new LinkedBlockingQueue<>();
    private final List<EventFeed> feeds;
    private volatile WatchService service;
    private WatchSet watching = new WatchSet(Map.of());
    private int repairs;
    /** When a drift held back by the back-off is to be repaired; null when none waits. */
    private Instant pendingRepair;

    /**
     * @param fightWindow a drift back within this long of the last repair counts as something
     *     fighting the policy, and is met with back-off from {@code backoffBase} to {@code backoffCap}
     */
    public Watcher(WatchTarget target, List<EventFeed> feeds, Duration poll, Duration backoffBase, Duration backoffCap,
            Duration fightWindow, Clock clock, PrintWriter log) {
        this(target, feeds, poll, new Backoff(backoffBase, backoffCap, fightWindow), clock, log,
                p -> java.nio.file.Files.isDirectory(Path.of(p)));
    }

    Watcher(WatchTarget target, List<EventFeed> feeds, Duration poll, Backoff backoff, Clock clock, PrintWriter log,
            Predicate<String> isDir) {
        this.target = target;
        this.feeds = List.copyOf(feeds);
        this.poll = poll;
        this.backoff = backoff;
        this.clock = clock;
        this.log = log;
        this.isDir = isDir;
    }

    /** Runs until {@link #stop}; returns the number of repairs. */
    public int run() throws IOException {
        List<FeedProcess> running = new ArrayList<>();
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            service = ws;
            Thread files = new Thread(() -> forwardKeys(ws), "leakguard-watch-files");
            files.setDaemon(true);
            files.start();
            for (EventFeed f : feeds) {
                FeedProcess p = new FeedProcess(f, wakes::offer, this::say);
                running.add(p);
                p.start();
            }
            say("watching; polling every " + poll.toMillis() + " ms for what gives no file or feed event");
            check("start", System.nanoTime(), false);
            long nextPoll = System.nanoTime() + poll.toNanos();
            while (stop.getCount() > 0) {
                Instant due = pendingRepair;
                if (due != null) {
                    unwatchAll();
                    if (sleepUntil(due)) {
                        break;
                    }
                    wakes.clear();
                    pendingRepair = null;
                    check("back-off over", System.nanoTime(), true);
                    nextPoll = System.nanoTime() + poll.toNanos();
                    continue;
                }
                watch(ws);
                Object first = wakes.poll(Math.max(0, nextPoll - System.nanoTime()), TimeUnit.NANOSECONDS);
                long seen = System.nanoTime();
                if (first == STOP) {
                    break;
                }
                String why = first == null ? "poll" : settle(first);
                // Events that do not matter (a log written every few ms beside the policy) must not
                // keep putting the poll off: it is due at its time whatever woke the loop meanwhile.
                if (why == null && System.nanoTime() - nextPoll >= 0) {
                    why = "poll";
                }
                if (why != null) {
                    check(why, seen, false);
                    nextPoll = System.nanoTime() + poll.toNanos();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.forEach(FeedProcess::close);
            say("stopped after " + repairs + " repair(s)");
            finished.countDown();
        }
        return repairs;
    }

    /** Asks the loop to end after the repair in progress, if any, and waits up to {@code wait} for it. */
    public boolean stop(Duration wait) {
        stop.countDown();
        wakes.offer(STOP);
        WatchService ws = service;
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException e) {
                // Closing only ends the thread that waits on it; stop is already set.
            }
        }
        try {
            return finished.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Hands each signalled folder key to the loop; the loop reads and resets it. */
    private void forwardKeys(WatchService ws) {
        try {
            while (true) {
                wakes.offer(ws.take());
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // The watch is over.
        }
    }

    /**
     * The first relevant reason among this wake-up and those that follow within the settle time
     * (a write then a rename; the several lines of one firewall commit); null if none.
     */
    private String settle(Object first) throws InterruptedException {
        String why = null;
        long end = System.nanoTime() + SETTLE_MAX.toNanos();
        Object item = first;
        while (item != null && item != STOP) {
            String reason = item instanceof WatchKey key ? fileReason(key) : (String) item;
            why = why == null ? reason : why;
            long left = end - System.nanoTime();
            item = left <= 0 ? null : wakes.poll(Math.min(left, SETTLE.toNanos()), TimeUnit.NANOSECONDS);
        }
        if (item == STOP) {
            wakes.offer(STOP);
        }
        return why;
    }

    /** The first relevant path among a folder key's events; null if none. Resets the key. */
    private String fileReason(WatchKey key) {
        String why = null;
        String dir = keys.get(key);
        for (WatchEvent<?> e : key.pollEvents()) {
            if (why != null || dir == null) {
                continue;
            }
            if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                why = dir + " (many events)";
            } else if (watching.matters(dir, e.context().toString())) {
                why = (dir.equals("/") ? "" : dir) + "/" + e.context() + " changed";
            }
        }
        key.reset();
        return why;
    }

    /**
     * Plans; repairs a drift now or, when something fights it, after the back-off.
     *
     * @param waited the back-off for this drift is over: repair without asking it again
     */
    private void check(String why, long seenNanos, boolean waited) {
        WatchTarget.Drift drift;
        try {
            drift = target.plan();
        } catch (Exception e) {
            say("cannot plan (" + why + "): " + describe(e) + "; trying again at the next event or poll");
            return;
        }
        watching = WatchSet.of(drift.files(), drift.listed(), isDir);
        if (drift.changes().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Instant due = waited ? now : backoff.onDrift(now);
        if (due.isAfter(now)) {
            pendingRepair = due;
            say("backoff: drift came back within " + backoff.quiet().toMillis() + " ms of repair #" + repairs + " (" + why
                    + ": " + brief(drift) + "); something is fighting the policy; next repair in "
                    + Duration.between(now, due).toMillis() + " ms (doubling up to the cap), events ignored until then");
            return;
        }
        repair(why, drift, seenNanos);
    }

    private void repair(String why, WatchTarget.Drift drift, long seenNanos) {
        repairs++;
        String outcome;
        try {
            outcome = target.repair();
        } catch (Exception e) {
            outcome = "failed: " + describe(e);
        }
        backoff.onRepair(clock.instant());
        long ms = (System.nanoTime() - seenNanos) / 1_000_000;
        say("repair #" + repairs + " (" + why + "; " + brief(drift) + "): " + outcome + ", " + ms
                + " ms after the drift was seen");
    }

    /** Brings the folder watches in line with the last plan. */
    private void watch(WatchService ws) {
        Map<String, WatchKey> have = new HashMap<>();
        keys.forEach((k, d) -> have.put(d, k));
        for (var it = keys.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (!watching.dirs().contains(e.getValue()) || !e.getKey().isValid()) {
                e.getKey().cancel();
                it.remove();
            }
        }
        for (String dir : watching.dirs()) {
            WatchKey k = have.get(dir);
            if (k != null && k.isValid()) {
                continue;
            }
            try {
                keys.put(Path.of(dir).register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY), dir);
            } catch (IOException | RuntimeException e) {
                // Gone since the plan read it: the next plan sees that, and the poll covers it meanwhile.
            }
        }
    }

    private void unwatchAll() {
        keys.keySet().forEach(WatchKey::cancel);
        keys.clear();
    }

    /** True when stopped meanwhile. */
    private boolean sleepUntil(Instant due) throws InterruptedException {
        long nanos = Duration.between(clock.instant(), due).toNanos();
        return nanos > 0 && stop.await(nanos, TimeUnit.NANOSECONDS);
    }

    private synchronized void say(String line) {
        log.println(clock.instant() + " " + line);
        log.flush();
    }

    /** The first change of a drift and how many more: a log line stays readable. */
    private static String brief(WatchTarget.Drift drift) {
        int more = drift.changes().size() - 1;
        return drift.changes().get(0) + (more > 0 ? " (+" + more + " more)" : "");
    }

    private static String describe(Exception e) {
        return org.leakguard.agent.host.ErrorText.of(e);
    }
}
