package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code agent portal} on the packaged agent: the window opens to the resolver the client's DHCP
 * lease names, and resolv.conf names it first so glibc's own lookup reaches it; check reports it,
 * close ends it and puts resolv.conf back, and each step is journaled under the state folder.
 */
class PortalWindowSandboxTest extends SandboxTest {
    static final String POLICY = """
            apiVersion: leakguard/v1
            kind: DnsLeakPolicy
            metadata: {name: e2e-portal}
            spec:
              resolvers: {servers: [203.0.113.53]}
              firewall:
                plainDns: block-others
                dnsOverTls: block-others
                portal: {maxWindow: 10m}
              verify: {probes: false}
            """;
    /** dhclient's lease format (as isc-dhclient 4.4.3 writes it), naming the sandbox's ISP resolver, valid for long. */
    static final String LEASE = """
            lease {
              interface "ci";
              fixed-address 198.51.100.2;
              option subnet-mask 255.255.255.0;
              option dhcp-lease-time 86400;
              option dhcp-message-type 5;
              option domain-name-servers %s;
              option dhcp-server-identifier 198.51.100.1;
              renew 4 2099/01/01 00:00:00;
              rebind 4 2099/01/01 00:00:00;
              expire 4 2099/01/01 00:00:00;
            }
            """.formatted(Sandbox.ISP);

    @Test
    void theWindowOpensToTheLeasedResolverAndClosesOnRequestJournaledBothWays() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        Path over = sandbox.dir.resolve("var-lib-dhcp");
        Files.createDirectories(over);
        Files.writeString(over.resolve("dhclient.leases"), LEASE);
        sandbox.overlay("/var/lib/dhcp", over);
        String policy = writePolicy(POLICY).toString();
        Run apply = sandbox.agent("apply", policy);
        assertThat(apply.exit()).as(apply.toString()).isZero();
        assertThat(sandbox.dig(Sandbox.ISP, "before.example").stdout()).doesNotContain("198.51.100.1");
        String pinned = Files.readString(sandbox.resolvConf());

        Run tooShort = sandbox.agent("portal", "open", "--for", "30s", policy);
        assertThat(tooShort.exit()).as(tooShort.toString()).isEqualTo(2);
        Run open = sandbox.agent("portal", "open", "--for", "1m", policy);
        assertThat(open.exit()).as(open.toString()).isZero();
        assertThat(open.stdout()).contains("captive-portal window open until")
                .contains("DNS (53) to " + Sandbox.ISP + ", from /var/lib/dhcp/dhclient.leases");
        assertThat(sandbox.dig(Sandbox.ISP, "hotel-login.example").stdout().strip()).isEqualTo("198.51.100.1");
        assertThat(open.stdout()).contains("put [" + Sandbox.ISP + "] first in /etc/resolv.conf for the window");
        assertThat(Files.readString(sandbox.resolvConf())).contains("nameserver " + Sandbox.ISP + "\nnameserver 203.0.113.53\n");
        Run lookup = sandbox.onClient("getent", "hosts", "portal-by-itself.example");
        assertThat(lookup.stdout()).as("glibc finds the sign-in page by itself: " + lookup).contains("198.51.100.1");

        var json = LinuxSandboxTest.JSON.readTree(sandbox.agent("--format", "json", "portal", "status").stdout());
        assertThat(json.path("open").asBoolean()).isTrue();
        assertThat(json.path("addresses").get(0).path("address").asText()).isEqualTo(Sandbox.ISP);
        Run status = sandbox.agent("portal", "status");
        assertThat(status.stdout()).as(status.toString()).contains("captive-portal window open", "DNS (53) to " + Sandbox.ISP + " until");
        Run check = sandbox.agent("--format", "json", "check", policy);
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.stdout()).contains("captive-portal window open: DNS (53) to [" + Sandbox.ISP + "]");

        Run close = sandbox.agent("portal", "close", policy);
        assertThat(close.exit()).as(close.toString()).isZero();
        assertThat(close.stdout()).contains("closed early by `agent portal close`");
        assertThat(Files.readString(sandbox.resolvConf())).isEqualTo(pinned);
        assertThat(sandbox.dig(Sandbox.ISP, "after.example").stdout()).doesNotContain("198.51.100.1");
        assertThat(sandbox.agent("portal", "status").stdout()).contains("captive-portal window closed (captive-portal window closed early");
        assertThat(sandbox.queries(sandbox.isp)).contains("hotel-login.example", "portal-by-itself.example")
                .doesNotContain("before.example")
                .doesNotContain("after.example");
        assertThat(sandbox.agent("status").stdout()).contains("captive-portal window opened by ")
                .contains("to [" + Sandbox.ISP + "] until").contains("; closed early by `agent portal close`");
        try (var journals = Files.list(sandbox.state.resolve("portal/transactions"))) {
            assertThat(journals.count()).isEqualTo(2);
        }
    }

    @Test
    void anExceptionForAUserTheHostDoesNotHaveStopsApplyBeforeAnythingChanges() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        java.util.Map<String, byte[]> before = LinuxSandboxTest.snapshot(sandbox.etc);
        String policy = writePolicy(POLICY.replace("    portal: {maxWindow: 10m}\n",
                "    exceptions: [{user: lg-no-such-user}]\n")).toString();

        Run apply = sandbox.agent("apply", policy);

        assertThat(apply.exit()).as(apply.toString()).isEqualTo(2);
        assertThat(apply.stderr()).contains("spec.firewall.exceptions[0].user: no user \"lg-no-such-user\" in /etc/passwd");
        LinuxSandboxTest.assertSameFiles(LinuxSandboxTest.snapshot(sandbox.etc), before);
        assertThat(sandbox.nftTable().exit()).isNotZero();
    }
}
