package org.leakguard.agent.watch;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.leakguard.agent.host.ExecCommands;
import org.leakguard.agent.spi.EventFeed;

/**
 * Runs one {@link EventFeed} program (through {@link ExecCommands#follow}) for as long as the watch runs, handing each relevant line to
 * the loop. A program that exits (or cannot start) is started again after a pause that grows to a
 * minute, and each restart wakes the loop once, since events may have been missed meanwhile.
 */
final class FeedProcess implements AutoCloseable {
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofMinutes(1);

    private final EventFeed feed;
    private final Consumer<String> wake;
    private final Consumer<String> log;
    private final Thread thread;
    private volatile boolean closed;
    private volatile ExecCommands.Following following;

    FeedProcess(EventFeed feed, Consumer<String> wake, Consumer<String> log) {
        this.feed = feed;
        this.wake = wake;
        this.log = log;
        this.thread = new Thread(this::loop, "leakguard-watch-feed");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        Duration pause = FIRST_PAUSE;
        boolean first = true;
        while (!closed) {
            AtomicBoolean any = new AtomicBoolean();
            try (ExecCommands.Following p = ExecCommands.follow(feed.argv(), line -> hand(line, any))) {
                following = p;
                if (closed) {
                    return;
                }
                if (!first) {
                    wake.accept(feed.what() + " feed restarted");
                }
                log.accept("following " + feed.what() + " through " + String.join(" ", feed.argv()));
                int exit = p.waitFor();
                if (closed) {
                    return;
                }
                pause = any.get() ? FIRST_PAUSE : pause;
                log.accept(String.join(" ", feed.argv()) + " exited " + exit + "; starting it again in "
                        + pause.toMillis() + " ms, the poll covers " + feed.what() + " meanwhile");
            } catch (IOException e) {
                log.accept("cannot run " + String.join(" ", feed.argv()) + " (" + e.getMessage() + "); the poll covers "
                        + feed.what() + ", trying again in " + pause.toMillis() + " ms");
            } catch (InterruptedException e) {
                return;
            }
            first = false;
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    private void hand(String line, AtomicBoolean any) {
        any.set(true);
        if (feed.relevant(line)) {
            wake.accept(feed.what() + ": " + line.strip());
        }
    }

    @Override
    public void close() {
        closed = true;
        ExecCommands.Following p = following;
        if (p != null) {
            p.close();
        }
        thread.interrupt();
    }
}
