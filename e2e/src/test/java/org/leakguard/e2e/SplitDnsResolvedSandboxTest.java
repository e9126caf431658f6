package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A routed policy through the packaged agent on a client whose resolver is the real
 * systemd-resolved: apply sets the corporate route on the VPN link, pins the other names and
 * blocks plain DNS to anyone else, and its route-name probe proves the route answers; each
 * resolver's log then holds only its own names; check passes; rollback gives the VPN link its own
 * settings back. After a reboot that the route did not survive, check fails naming it.
 *
 * <p>No systemd runs in the sandbox, so the agent cannot restart resolved after writing its drop-in:
 * apply keeps the change but is non-compliant, saying the running daemon has not read it; the test
 * restarts it, as systemd would, and check passes.
 */
class SplitDnsResolvedSandboxTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DROP_IN = "systemd/resolved.conf.d/90-leakguard.conf";
    static final Pattern QUERY = Pattern.compile("query\\[\\w+\\] (\\S+) from ");

    ResolvedClient client;
    Path policy;

    @BeforeEach
    void start() throws Exception {
        Dist.requireSandbox("dbus-daemon", "getent", "dpkg", "apt-get");
        client = ResolvedClient.start(UnpackedDeb.require("systemd-resolved", "libsystemd-shared"));
        policy = client.sandbox.dir.resolve("routed.yaml");
        Files.writeString(policy, """
                apiVersion: leakguard/v1
                kind: DnsLeakPolicy
                metadata: {name: e2e-routed}
                spec:
                  resolvers:
                    servers: [%s]
                    routes:
                      - domains: [%s]
                        servers: [%s]
                        probeName: %s
                  firewall: {plainDns: block-others}
                  verify: {probes: true}
                """.formatted(ResolvedClient.PINNED, ResolvedClient.CORP_ZONE, ResolvedClient.CORP, ResolvedClient.PROBE_NAME));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    /**
     * apply, as JSON, once it kept its change: non-compliant (exit 3) only because the running
     * resolved has not read the drop-in; then resolved restarted, as systemd does after the drop-in.
     */
    JsonNode apply() throws Exception {
        Run apply = client.agent("--format", "json", "apply", policy.toString());
        assertThat(apply.exit()).as("%s\nresolved said:\n%s", apply, client.resolvedLog()).isEqualTo(3);
        JsonNode report = JSON.readTree(apply.stdout());
        assertThat(report.path("result").asText()).isEqualTo("non-compliant");
        assertThat(report.path("transaction").asText()).as("kept, not rolled back").isNotEmpty();
        JsonNode resolvers = report.path("controls").get(0);
        assertThat(resolvers.path("id").asText()).isEqualTo("resolvers");
        assertThat(resolvers.path("findings").findValuesAsText("message")).filteredOn(m -> m.contains("is not in effect"))
                .containsExactly("/etc/" + DROP_IN + " is not in effect: the running systemd-resolved holds DNS [] instead of ["
                        + ResolvedClient.PINNED + "]; Domains [] without ~.; LLMNR yes instead of no; MulticastDNS yes instead"
                        + " of no (read over D-Bus), so the pin does not hold until it restarts; restart systemd-resolved (no"
                        + " systemd runs here to do it: no /run/systemd/system), then run check again");
        client.restartResolved(false);
        return report;
    }

    @Test
    void aRoutedPolicyAppliesVerifiesAndRollsBackWithTheRealResolvedDaemon() throws Exception {
        JsonNode report = apply();

        JsonNode name = VerificationSandboxTest.probe(report, "route-name", ResolvedClient.PROBE_NAME);
        assertThat(name.path("passed").asBoolean()).as(name.toString()).isTrue();
        assertThat(name.path("observed").asText()).contains("the system resolver answers " + ResolvedClient.PROBE_ANSWER
                + ", as " + ResolvedClient.CORP + " does", "the pinned " + ResolvedClient.PINNED + " answered NXDOMAIN");
        assertThat(client.vpnLink("dns")).isEqualTo(ResolvedClient.CORP);
        assertThat(client.vpnLink("domain")).isEqualTo("~" + ResolvedClient.CORP_ZONE);

        assertThat(client.getent("intranet.corp.example")).isEqualTo(ResolvedClient.CORP_ANSWER);
        assertThat(client.getent("www.example.org")).isEqualTo(ResolvedClient.PINNED_ANSWER);
        assertThat(asked(client.corpAsked())).contains("intranet.corp.example")
                .allMatch(n -> n.endsWith("." + ResolvedClient.CORP_ZONE), "a corporate name");
        assertThat(asked(client.pinnedAsked())).contains("www.example.org")
                .as("no corporate name but the probe name, which the agent asks it directly")
                .noneMatch(n -> n.endsWith("." + ResolvedClient.CORP_ZONE) && !n.equals(ResolvedClient.PROBE_NAME));
        assertThat(client.sandbox.nftTable().stdout()).as("resolved reaches both through the firewall, which names them")
                .contains(ResolvedClient.PINNED, ResolvedClient.CORP);

        Run check = client.agent("check", policy.toString());
        assertThat(check.exit()).as(check.toString()).isZero();

        Run rollback = client.agent("rollback", "--last");
        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        assertThat(client.vpnLink("dns")).as("the VPN link's own server is back").isEqualTo(ResolvedClient.VPN_OWN_SERVER);
        assertThat(client.vpnLink("domain")).isEqualTo(ResolvedClient.VPN_OWN_DOMAIN);
        assertThat(client.sandbox.etc.resolve(DROP_IN)).doesNotExist();
        assertThat(client.sandbox.nftTable().exit()).as("the firewall table is gone").isNotZero();
    }

    @Test
    void afterARebootThatLostTheRouteCheckFailsNamingIt() throws Exception {
        apply();
        assertThat(client.agent("check", policy.toString()).exit()).isZero();

        client.restartResolved(true);
        assertThat(client.vpnLink("domain")).as("resolved forgot the route").isEmpty();
        assertThat(client.getent("lost.corp.example")).isEmpty();
        assertThat(client.pinnedAsked()).as("the corporate name went to the pinned resolver").contains("lost.corp.example");

        Run check = client.agent("check", policy.toString());
        assertThat(check.exit()).as(check.toString()).isEqualTo(3);
        assertThat(check.stdout()).contains("systemd-resolved holds servers [], domains [] for link " + client.vpnLink
                + "; the routes want servers [" + ResolvedClient.CORP + "], domains [~" + ResolvedClient.CORP_ZONE + "]",
                "names under " + ResolvedClient.CORP_ZONE + " do not reach the route's servers");
    }

    /** The names in a dnsmasq query log, one per query. */
    static List<String> asked(String log) {
        return log.lines().map(QUERY::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
    }
}
