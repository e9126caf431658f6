package org.leakguard.platform.windows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The module's own fixtures (test resources) and the shared capture set, when present. */
final class Fixtures {
    private Fixtures() {}

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ../shared/fixtures/windows} beside the repository; tests run from the module folder. */
    static Path sharedWindows() {
        return Path.of("").toAbsolutePath().getParent().resolve("../shared/fixtures/windows").normalize();
    }
}
