package org.leakguard.platform.macos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The module's own fixtures (test resources, in the real tools' formats) and the real captures beside them. */
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

    /** The real captures copied into the module, each with its {@code .source} provenance. */
    static Path capturedDir() {
        try {
            return Path.of(Captures.class.getResource("captured").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real capture (see {@code captured/NAME.source} for the command, release and origin). */
    static String captured(String name) {
        return text("captured/" + name);
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
