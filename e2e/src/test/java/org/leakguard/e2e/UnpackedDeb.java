package org.leakguard.e2e;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Debian package fetched with {@code apt-get download} and unpacked with {@code dpkg -x} under
 * target/debs: never installed, so its scripts never run and the host stays as it is. Set
 * {@code LEAKGUARD_DEBS} to a folder of .deb files to work offline. The same as platform-linux's
 * test of that name, which e2e cannot reach.
 */
final class UnpackedDeb {
    private static final Path CACHE = Path.of("target", "debs").toAbsolutePath();

    private UnpackedDeb() {}

    /**
     * The unpacked tree, at the installed version of {@code matchVersionOf} when the archive has
     * it (a daemon must match its shared library); skips the test (fails it in CI) without it.
     */
    static synchronized Path require(String pkg, String matchVersionOf) {
        Path dir = CACHE.resolve(pkg);
        try {
            if (!Files.exists(dir.resolve(".unpacked"))) {
                Files.createDirectories(CACHE);
                Path deb = find(pkg);
                if (deb == null) {
                    String version = Proc.run(List.of("dpkg-query", "-W", "-f=${Version}", matchVersionOf)).stdout().strip();
                    if (version.isEmpty() || !download(pkg + "=" + version)) {
                        download(pkg);
                    }
                    deb = find(pkg);
                }
                if (deb == null) {
                    throw new IOException("no " + pkg + "_*.deb after apt-get download");
                }
                Proc.ok(List.of("dpkg", "-x", deb.toString(), dir.toString()));
                Files.createFile(dir.resolve(".unpacked"));
            }
            return dir;
        } catch (IOException | IllegalStateException e) {
            String why = pkg + " could not be downloaded and unpacked: " + e.getMessage();
            if (System.getenv("CI") != null) {
                fail("CI must run the sandbox tests, but " + why);
            }
            assumeTrue(false, "sandbox tests skipped: " + why);
            throw new IllegalStateException(e);
        }
    }

    private static boolean download(String what) {
        ProcessBuilder pb = new ProcessBuilder("apt-get", "download", "-q", what).directory(CACHE.toFile());
        try {
            Process p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
}
