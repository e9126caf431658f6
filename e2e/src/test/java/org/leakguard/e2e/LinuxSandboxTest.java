package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged agent fixing a leaky client, on real DNS traffic, inside namespaces. */
class LinuxSandboxTest {
    static final String POLICY = """
            apiVersion: leakguard/v1
            kind: DnsLeakPolicy
            metadata: {name: e2e-pin}
            spec:
              resolvers: {servers: [203.0.113.53], searchDomains: [corp.example]}
              ipv6: disable
              firewall: {plainDns: block-others, dnsOverTls: block-others, publicDoh: block}
              verify: {probes: false}
            """;
    static final ObjectMapper JSON = new ObjectMapper();
    static byte[] hostResolvConf;

    Sandbox sandbox;

    @BeforeAll
    static void hostBefore() throws IOException {
        Dist.requireSandbox();
        hostResolvConf = Files.readAllBytes(Path.of("/etc/resolv.conf"));
    }

    @AfterAll
    static void hostUntouched() throws IOException {
        if (hostResolvConf != null) {
            assertThat(Files.readAllBytes(Path.of("/etc/resolv.conf"))).isEqualTo(hostResolvConf);
            assertThat(Proc.run(java.util.List.of("nft", "list", "tables")).stdout()).doesNotContain("leakguard");
        }
    }

    @AfterEach
    void tearDown() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    Path policy() throws IOException {
        Path p = sandbox.dir.resolve("policy.yaml");
        Files.writeString(p, POLICY);
        return p;
    }

    static JsonNode json(Run run) throws IOException {
        return JSON.readTree(run.stdout());
    }

    @Test
    void aLeakyHostIsFixedAndTheIspResolverIsNoLongerReachable() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        assertThat(sandbox.dig(Sandbox.ISP, "before.example").stdout()).contains("198.51.100.1");
        assertThat(sandbox.sysctl("net.ipv6.conf.all.disable_ipv6")).isEqualTo("0");

        Run apply = sandbox.agent("--format", "json", "apply", policy().toString());

        assertThat(apply.exit()).as(apply.toString()).isZero();
        assertThat(json(apply).path("result").asText()).isEqualTo("remediated");
        Run leak = sandbox.dig(Sandbox.ISP, "after-isp.example");
        assertThat(leak.exit()).as("dig to the ISP resolver must time out: " + leak).isNotZero();
        assertThat(sandbox.queries(sandbox.isp)).doesNotContain("after-isp.example");
        assertThat(sandbox.dig(Sandbox.VPN, "after-vpn.example").stdout()).contains("203.0.113.1");
        assertThat(sandbox.queries(sandbox.vpn)).contains("after-vpn.example from 203.0.113.2");
        assertThat(Files.readString(sandbox.resolvConf()))
                .contains("nameserver 203.0.113.53", "search corp.example", "options edns0")
                .doesNotContain(Sandbox.ISP);
        assertThat(sandbox.sysctl("net.ipv6.conf.all.disable_ipv6")).isEqualTo("1");
        assertThat(sandbox.dig(Sandbox.ISP6, "v6.example").exit()).isNotZero();
        assertThat(sandbox.nftTable().exit()).isZero();
    }

    @Test
    void systemResolverOfTheClientGoesToThePinnedResolverOnly() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        assertThat(sandbox.agent("apply", policy().toString()).exit()).isZero();

        Run lookup = sandbox.onClient("getent", "hosts", "app-lookup.example");

        assertThat(lookup.stdout()).contains("203.0.113.1");
        assertThat(sandbox.queries(sandbox.vpn)).contains("app-lookup.example");
        assertThat(sandbox.queries(sandbox.isp)).doesNotContain("app-lookup.example");
    }

    @Test
    void checkReportsALaterOverwriteOfResolvConf() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        assertThat(sandbox.agent("apply", policy().toString()).exit()).isZero();
        assertThat(sandbox.agent("check", policy().toString()).exit()).isZero();

        sandbox.writeResolvConf("nameserver " + Sandbox.ISP + "\n");
        Run check = sandbox.agent("--format", "json", "check", policy().toString());

        assertThat(check.exit()).as(check.toString()).isEqualTo(3);
        JsonNode report = json(check);
        assertThat(report.path("result").asText()).isEqualTo("non-compliant");
        JsonNode resolvers = null;
        for (JsonNode c : report.path("controls")) {
            if (c.path("id").asText().equals("resolvers")) {
                resolvers = c;
            }
        }
        assertThat(resolvers).isNotNull();
        assertThat(resolvers.path("status").asText()).isEqualTo("non-compliant");
    }

    @Test
    void rollbackRestoresEveryFileByteForByteAndRemovesTheTable() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        Map<String, byte[]> before = snapshot(sandbox.etc);
        assertThat(sandbox.agent("apply", policy().toString()).exit()).isZero();
        assertThat(snapshot(sandbox.etc)).isNotEqualTo(before);

        Run rollback = sandbox.agent("--format", "json", "rollback", "--last");

        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        assertThat(json(rollback).path("result").asText()).isEqualTo("rolled-back");
        assertSameFiles(snapshot(sandbox.etc), before);
        assertThat(sandbox.nftTable().exit()).isNotZero();
        assertThat(sandbox.sysctl("net.ipv6.conf.all.disable_ipv6")).isEqualTo("0");
        assertThat(sandbox.dig(Sandbox.ISP, "back.example").stdout()).contains("198.51.100.1");
    }

    @Test
    void aBindMountedResolvConfIsWrittenInPlace() throws Exception {
        sandbox = Sandbox.leakyClient(true);
        byte[] before = Files.readAllBytes(sandbox.resolvConf());

        Run apply = sandbox.agent("apply", policy().toString());

        assertThat(apply.exit()).as(apply.toString()).isZero();
        assertThat(sandbox.onClient("cat", "/etc/resolv.conf").stdout()).contains("nameserver 203.0.113.53");
        assertThat(Files.readString(sandbox.resolvConf())).contains("nameserver 203.0.113.53");
        assertThat(sandbox.agent("rollback", "--last").exit()).isZero();
        assertThat(Files.readAllBytes(sandbox.resolvConf())).isEqualTo(before);
    }

    static Map<String, byte[]> snapshot(Path etc) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (String sub : new String[] {"resolv.conf", "dhcp", "NetworkManager", "sysctl.d", "leakguard", "systemd",
            "nftables.conf", "docker", "chromium", "firefox", "opt"}) {
            Path p = etc.resolve(sub);
            if (!Files.exists(p)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(p)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    files.put(etc.relativize(f) + " " + Files.getPosixFilePermissions(f), Files.readAllBytes(f));
                }
            }
        }
        return files;
    }

    static void assertSameFiles(Map<String, byte[]> now, Map<String, byte[]> before) {
        assertThat(now.keySet()).isEqualTo(before.keySet());
        now.forEach((k, v) -> assertThat(v).as(k).isEqualTo(before.get(k)));
    }
}
