package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The nmcli parsers over the real nmcli captures in the module's {@code captured/} resources, as
 * {@link SharedFixtureConformanceTest} does for the other parsers.
 */
class NmcliSharedFixtureTest {

    @Test
    void sharedCapturesArePresent() {
        assertThat(Fixtures.sharedLinux()).as("the captures travel with the module").isDirectory();
    }

    private static List<Path> captures(String prefix) throws IOException {
        Path dir = Fixtures.sharedLinux();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
    }

    /** Terse multiline captures: property:value lines; IPv6 values keep their colons. */
    @TestFactory
    Stream<DynamicTest> terseMultiline() throws IOException {
        List<Path> files = new ArrayList<>(captures("nmcli-t-con-show--"));
        files.addAll(captures("nmcli-t-dev-show--"));
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            Map<String, String> props = Nmcli.parseProperties(text);
            assertThat(props).isNotEmpty();
            if (p.getFileName().toString().startsWith("nmcli-t-con-show--")) {
                assertThat(Nmcli.family(props, "ipv4")).isNotNull();
                assertThat(Nmcli.family(props, "ipv6")).isNotNull();
                assertThat(Nmcli.family(props, "ipv4").ignoreAutoDns()).isIn("yes", "no");
            }
            props.forEach((k, v) -> {
                if (k.startsWith("IP6.ADDRESS") || k.startsWith("IP6.ROUTE")) {
                    assertThat(v).contains(":");
                }
            });
        }));
    }

    /** Terse tabular captures: every row splits into the same number of fields. */
    @TestFactory
    Stream<DynamicTest> terseTabular() throws IOException {
        return captures("nmcli-t-f-all-dev-status--").stream().map(p -> DynamicTest.dynamicTest(
                p.getFileName().toString(), () -> {
                    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                    assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(Nmcli.splitTerse(l)).hasSize(9));
                    assertThat(Nmcli.splitTerse(lines.get(0)).get(5)).startsWith("/org/freedesktop/NetworkManager/");
                }));
    }
}
