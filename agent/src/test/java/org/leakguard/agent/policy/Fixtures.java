package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The invalid policies under {@code src/test/resources/policies/invalid}. Each starts with
 * the exact error the loader must give and whether the JSON Schema rejects it too:
 * <pre>
 * # expect: LINE:COLUMN KEY.PATH: problem
 * # schema: rejects | accepts (why) | n/a (why)
 * </pre>
 */
final class Fixtures {
    private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+):(\\d+) ([^: ]+): (.+)");
    private static final Pattern SCHEMA = Pattern.compile("# schema: (rejects|accepts|n/a)\\b.*");

    /** One invalid policy and what must be said about it. */
    record Invalid(Path file, int line, int column, String keyPath, String problem, String schema) {
        @Override
        public String toString() {
            return file.getFileName().toString();
        }
    }

    private Fixtures() {}

    static List<Invalid> invalid() {
        try (Stream<Path> files = Files.list(resource("policies/invalid"))) {
            List<Invalid> all = files.filter(p -> p.toString().endsWith(".yaml")).sorted()
                    .map(Fixtures::read).collect(Collectors.toList());
            assertThat(all).hasSizeGreaterThan(30);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        URL url = Fixtures.class.getClassLoader().getResource(name);
        assertThat(url).as("test resource %s", name).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shipped policies, next to the agent module. */
    static Path shippedPolicies() {
        Path dir = Path.of("..", "policies").toAbsolutePath().normalize();
        assertThat(dir.resolve("schema.json")).as("shipped policies at %s", dir).isRegularFile();
        return dir;
    }

    private static Invalid read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            Matcher expect = EXPECT.matcher(lines.get(0));
            Matcher schema = SCHEMA.matcher(lines.get(1));
            assertThat(expect.matches()).as("%s line 1: %s", file, lines.get(0)).isTrue();
            assertThat(schema.matches()).as("%s line 2: %s", file, lines.get(1)).isTrue();
            return new Invalid(file, Integer.parseInt(expect.group(1)), Integer.parseInt(expect.group(2)),
                    expect.group(3), expect.group(4), schema.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
