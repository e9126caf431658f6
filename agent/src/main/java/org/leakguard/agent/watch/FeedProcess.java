package org.leakguard.agent.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.leakguard.agent.spi.EventFeed;

/**
 * Runs one {@link EventFeed} program for as long as the watch runs, handing each relevant line to
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
    private volatile Process process;

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
            try {
                Process p = new ProcessBuilder(feed.argv()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                process = p;
                p.getOutputStream().close();
                if (!first) {
                    wake.accept(feed.what() + " feed restarted");
                }
                log.accept("following " + feed.what() + " through " + String.join(" ", feed.argv()));
                if (read(p)) {
                    pause = FIRST_PAUSE;
                }
                int exit = p.waitFor();
                if (closed) {
                    return;
                }
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

    /** Hands on relevant lines until the program's output ends; true when it printed anything. */
    private boolean read(Process p) throws IOException {
        boolean any = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                any = true;
                if (feed.relevant(line)) {
                    wake.accept(feed.what() + ": " + line.strip());
                }
            }
        }
        return any;
    }

    @Override
    public void close() {
        closed = true;
        Process p = process;
        if (p != null) {
            p.destroy();
        }
        thread.interrupt();
    }
}
