package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verbs that send no probe send no DNS packet at all: not even a lookup of the host's own
 * name, which /etc/hosts here does not know, so any lookup would go to the ISP resolver. An nft
 * counter in the client's namespace counts every packet to port 53, and dnsmasq logs every query.
 */
class NoLookupSandboxTest {
    static final Pattern PACKETS = Pattern.compile("counter packets (\\d+)");

    Sandbox sandbox;

    @BeforeAll
    static void requireSandbox() {
        Dist.requireSandbox();
    }

    @AfterEach
    void tearDown() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void validatePlanStatusAndCheckWithoutProbesSendNoDnsPacket() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        Files.writeString(sandbox.etc.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost\n");
        Path policy = Files.writeString(sandbox.dir.resolve("policy.yaml"), LinuxSandboxTest.POLICY);
        Path counter = Files.writeString(sandbox.dir.resolve("count.nft"), """
                table inet lgcount {
                  chain out {
                    type filter hook output priority 0;
                    meta l4proto { udp, tcp } th dport 53 counter
                  }
                }
                """);
        Run load = sandbox.onClient("nft", "-f", counter.toString());
        assertThat(load.exit()).as(load.toString()).isZero();
        assertThat(sandbox.dig(Sandbox.ISP, "control.example").stdout()).as("the counter counts").isNotBlank();
        long control = packets();
        assertThat(control).isPositive();

        for (List<String> verb : List.of(List.of("validate", policy.toString()), List.of("plan", policy.toString()),
                List.of("status"), List.of("check", policy.toString()))) {
            Run run = sandbox.agent(verb.toArray(String[]::new));
            assertThat(run.exit()).as(run.toString()).isIn(0, 3);
            assertThat(packets()).as("DNS packets sent by `agent " + verb.get(0) + "`").isEqualTo(control);
        }
        assertThat(sandbox.queries(sandbox.isp)).doesNotContain(hostName());
    }

    long packets() {
        Run list = sandbox.onClient("nft", "list", "table", "inet", "lgcount");
        Matcher m = PACKETS.matcher(list.stdout());
        assertThat(m.find()).as(list.toString()).isTrue();
        return Long.parseLong(m.group(1));
    }

    static String hostName() throws Exception {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    }
}
