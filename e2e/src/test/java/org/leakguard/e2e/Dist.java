package org.leakguard.e2e;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the packaged agent is, and whether this machine can host the sandboxes. */
final class Dist {
    private Dist() {}

    static Path home() {
        return Path.of(System.getProperty("leakguard.dist", "../dist/target/agent")).toAbsolutePath().normalize();
    }

    static Path launcher() {
        return home().resolve("bin/agent");
    }

    /** The .deb that {@code mvn package} builds on Linux beside the agent folder. */
    static Path deb() {
        try (var files = Files.list(home().getParent())) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches("leakguard_.*_all\\.deb")).toList();
            if (debs.size() != 1) {
                throw new IllegalStateException("expected one leakguard_*_all.deb in " + home().getParent() + ", found " + debs);
            }
            return debs.get(0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Skips on a developer machine that lacks root or tools; in CI the same lack is a failure. */
    static void requireSandbox(String... moreTools) {
        String missing = missing();
        for (String tool : moreTools) {
            if (missing == null && !Proc.onPath(tool)) {
                missing = tool + " is not installed (bash .ci/deps --tests installs it)";
            }
        }
        skipOrFail(missing);
    }

    /** Like {@link #requireSandbox} for tests that only need tools on PATH, not root. */
    static void requireTools(String... tools) {
        for (String tool : tools) {
            if (!Proc.onPath(tool)) {
                skipOrFail(tool + " is not installed (bash .ci/deps --tests installs it)");
                return;
            }
        }
    }

    private static void skipOrFail(String missing) {
        if (missing == null) {
            return;
        }
        if (System.getenv("CI") != null) {
            fail("CI must run the sandbox tests, but " + missing);
        }
        assumeTrue(false, "sandbox tests skipped: " + missing);
    }

    private static String missing() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "they need root (network and mount namespaces)";
        }
        for (String tool : List.of("ip", "nsenter", "unshare", "nft", "dnsmasq", "dig", "mount")) {
            if (!Proc.onPath(tool)) {
                return tool + " is not installed";
            }
        }
        if (!Files.isExecutable(launcher())) {
            return launcher() + " is missing: run mvn package first";
        }
        return null;
    }
}
