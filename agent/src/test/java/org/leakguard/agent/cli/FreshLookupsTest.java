package org.leakguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's JVM keeps no answer of its own: a name resolved again is asked again, found or not.
 * Each case runs in a JVM of its own, since the JVM reads its cache settings once, at the first
 * lookup; the JVM's file-based name service ({@code jdk.net.hosts.file}) stands in for the OS
 * resolver, so the answer can change between two lookups without touching the host.
 */
class FreshLookupsTest {
    @TempDir
    Path tmp;

    @Test
    void aNameResolvedAgainIsAskedAgainWhetherItWasFoundOrNot() throws Exception {
        assertThat(lookUpTwice(true)).containsExactly("192.0.2.1", "none", "192.0.2.2", "192.0.2.3");
    }

    @Test
    void withoutItTheJvmWouldAnswerFromItsCache() throws Exception {
        assertThat(lookUpTwice(false)).as("the JVM's defaults, which the agent turns off").containsExactly("192.0.2.1", "none",
                "192.0.2.1", "none");
    }

    private List<String> lookUpTwice(boolean fresh) throws Exception {
        Path names = tmp.resolve("names");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Djdk.net.hosts.file=" + names, "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), names.toString(), Boolean.toString(fresh)).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    /** Resolves two names, changes what the name service says, and resolves them again. */
    static final class Child {
        private Child() {}

        public static void main(String[] args) throws Exception {
            if (Boolean.parseBoolean(args[1])) {
                Main.freshLookups();
            }
            Path names = Path.of(args[0]);
            Files.writeString(names, "192.0.2.1 probe.corp.example\n");
            System.out.println(address("probe.corp.example"));
            System.out.println(address("late.corp.example"));
            Files.writeString(names, "192.0.2.2 probe.corp.example\n192.0.2.3 late.corp.example\n");
            System.out.println(address("probe.corp.example"));
            System.out.println(address("late.corp.example"));
        }

        private static String address(String name) {
            try {
                return InetAddress.getByName(name).getHostAddress();
            } catch (UnknownHostException e) {
                return "none";
            }
        }
    }
}
