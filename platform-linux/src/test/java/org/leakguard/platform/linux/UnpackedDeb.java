package org.leakguard.platform.linux;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Debian package fetched with {@code apt-get download} and unpacked with {@code dpkg -x} under
 * target/debs: never installed, so its scripts never run and the host stays as it is. Set
 * {@code LEAKGUARD_DEBS} to a folder of .deb files to work offline.
 */
final class UnpackedDeb {
    private static final Path CACHE = Path.of("target", "debs").toAbsolutePath();

    private UnpackedDeb() {}

    /** The unpacked tree; skips the test (fails it in CI) when the package cannot be had. */
    static Path require(String pkg, String matchVersionOf) {
        try {
            return unpacked(pkg, matchVersionOf);
        } catch (IOException e) {
            String why = pkg + " could not be downloaded and unpacked: " + e.getMessage();
            if (System.getenv("CI") != null) {
                fail("CI must run the sandbox tests, but " + why);
            }
            assumeTrue(false, "skipped: " + why);
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path unpacked(String pkg, String matchVersionOf) throws IOException {
        Path dir = CACHE.resolve(pkg);
        if (Files.exists(dir.resolve(".unpacked"))) {
            return dir;
        }
        Files.createDirectories(CACHE);
        Path deb = find(pkg);
        if (deb == null) {
            download(pkg, matchVersionOf);
            deb = find(pkg);
        }
        if (deb == null) {
            throw new IOException("no " + pkg + "_*.deb after apt-get download");
        }
        run(CACHE, "dpkg", "-x", deb.toString(), dir.toString());
        Files.createFile(dir.resolve(".unpacked"));
        return dir;
    }

    private static Path find(String pkg) throws IOException {
        String offline = System.getenv("LEAKGUARD_DEBS");
        for (Path folder : offline == null ? List.of(CACHE) : List.of(Path.of(offline), CACHE)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> s = Files.list(folder)) {
                Path hit = s.filter(p -> p.getFileName().toString().startsWith(pkg + "_"))
                        .filter(p -> p.getFileName().toString().endsWith(".deb")).sorted().findFirst().orElse(null);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    /** The same version as an installed package first (a daemon must match its shared library), then any. */
    private static void download(String pkg, String matchVersionOf) throws IOException {
        if (matchVersionOf != null) {
            try {
                String version = run(CACHE, "dpkg-query", "-W", "-f=${Version}", matchVersionOf).strip();
                run(CACHE, "apt-get", "download", "-q", pkg + "=" + version);
                return;
            } catch (IOException e) {
                // the archive may have moved on from the installed version: take its current one
            }
        }
        run(CACHE, "apt-get", "download", "-q", pkg);
    }

    private static String run(Path cwd, String... argv) throws IOException {
        Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " exited " + p.exitValue() + ": " + out.strip());
        }
        return out;
    }
}
