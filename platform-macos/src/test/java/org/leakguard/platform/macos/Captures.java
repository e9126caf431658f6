package org.leakguard.platform.macos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The module's own fixtures (test resources, in the real tools' formats) and the shared capture set. */
final class Captures {
    /** Set to true to rewrite golden files from the generators, then review the diff by hand. */
    static final boolean UPDATE = Boolean.getBoolean("leakguard.golden.update");

    private Captures() {}

    static String text(String name) {
        try (InputStream in = Captures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ../shared/fixtures/macos} beside the repository; tests run from the module folder. */
    static Path shared() {
        return Path.of("").toAbsolutePath().getParent().resolve("../shared/fixtures/macos").normalize();
    }

    static String shared(String name) {
        try {
            return Files.readString(shared().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares with a golden resource; with -Dleakguard.golden.update=true writes it instead. */
    static String golden(String name, String actual) {
        if (UPDATE) {
            try {
                Path p = Path.of("src/test/resources/org/leakguard/platform/macos", name);
                Files.createDirectories(p.getParent());
                Files.writeString(p, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return actual;
        }
        return text(name);
    }
}
