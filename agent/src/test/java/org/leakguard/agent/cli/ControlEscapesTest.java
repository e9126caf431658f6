package org.leakguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.probe.Verifier;

/** Text the agent did not write reaches the terminal with its control characters escaped, and JSON stays JSON. */
class ControlEscapesTest {
    @TempDir
    Path tmp;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        Context ctx = new Context(List.of(new MainTest.OneFilePlatform()), new HostInfo("h\u001b]0;owned\u0007", "Linux", "6"),
                c -> {
                    throw new java.io.IOException("no commands");
                }, Verifier.UNAVAILABLE, Clock.systemUTC());
        return Main.run(ctx, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void escapeSequencesInNamesArePrintedEscaped() throws Exception {
        Path policy = Files.writeString(tmp.resolve("p\u001b[2J\r.yaml"), """
                apiVersion: leakguard/v1
                kind: DnsLeakPolicy
                metadata: {name: esc}
                spec: {}
                """);

        assertThat(run("validate", policy.toString())).isZero();
        assertThat(out.toString()).doesNotContain("\u001b", "\r").contains("p\\u001b[2J\\u000d.yaml");

        out.getBuffer().setLength(0);
        assertThat(run("--format", "json", "validate", policy.toString())).isZero();
        assertThat(out.toString()).doesNotContain("\u001b", "\u0007");
        assertThat(new ObjectMapper().readTree(out.toString()).path("host").path("name").asText()).isEqualTo("h\u001b]0;owned\u0007");
    }
}
