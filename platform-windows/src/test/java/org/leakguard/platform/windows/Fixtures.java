package org.leakguard.platform.windows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The module's own fixtures (test resources): files written in a real capture's format, and
 * under {@code captures/} the real captures themselves, each with its {@code .source} (command,
 * Windows version, provenance), copied from the project's shared capture set so that every test
 * runs in any clone.
 */
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

    /** One real capture, by file name. */
    static String capture(String name) {
        return text("captures/" + name);
    }

    /** The names of the captures whose file name starts with {@code prefix} (the tool), sorted. */
    static List<String> captures(String prefix) {
        try (Stream<Path> s = Files.list(Path.of(Fixtures.class.getResource("captures").toURI()))) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(".txt")).sorted().toList();
            if (names.isEmpty()) {
                throw new IllegalArgumentException("no capture starts with " + prefix);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
