package org.leakguard.agent.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core stays platform-neutral: no JNA, no OS module, no shell anywhere in its sources. */
class BoundariesTest {
    static final Path SOURCES = Path.of("src/main/java");

    static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(SOURCES)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void coreNeverImportsJnaOrAPlatformModule() throws IOException {
        for (Path p : sources()) {
            String text = Files.readString(p);
            assertThat(text).as(p.toString()).doesNotContain("import com.sun.jna").doesNotContain("org.leakguard.platform.");
        }
    }

    @Test
    void noProcessIsStartedOutsideTheCommandsPort() throws IOException {
        for (Path p : sources()) {
            if (p.endsWith("ExecCommands.java")) {
                continue;
            }
            String text = Files.readString(p);
            assertThat(text).as(p.toString()).doesNotContain("ProcessBuilder").doesNotContain("Runtime.getRuntime().exec");
        }
    }

    @Test
    void noShellIsEverNamed() throws IOException {
        for (Path p : sources()) {
            String text = Files.readString(p);
            assertThat(text).as(p.toString()).doesNotContain("\"/bin/sh\"").doesNotContain("\"sh\", \"-c\"")
                    .doesNotContain("\"bash\"").doesNotContain("\"cmd.exe\"");
        }
    }
}
