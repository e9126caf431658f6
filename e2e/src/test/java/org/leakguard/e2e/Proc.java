package org.leakguard.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs test tooling (ip, nsenter, dnsmasq, dig) as argv lists, never through a shell. */
final class Proc {
    private Proc() {}

    static Run run(List<String> argv) {
        return run(argv, java.util.Map.of());
    }

    /** With {@code env} added to this process's environment. */
    static Run run(List<String> argv, java.util.Map<String, String> env) {
        return run(argv, env, 120);
    }

    /** With a longer limit, for a whole fleet's playbook on a loaded 2-core machine. */
    static Run run(List<String> argv, java.util.Map<String, String> env, int timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + argv);
            }
            return new Run(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Run ok(List<String> argv) {
        Run r = run(argv);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + r);
        }
        return r;
    }

    static CompletableFuture<String> drain(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv("PATH").split(":")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
                return true;
            }
        }
        return java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin", program));
    }
}
