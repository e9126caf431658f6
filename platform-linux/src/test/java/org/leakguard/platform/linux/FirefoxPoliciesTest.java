package org.leakguard.platform.linux;

import org.leakguard.agent.spi.ControlContract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** Firefox's policies.json merge, over a temporary root with Debian's firefox-esr layout. */
class FirefoxPoliciesTest {
    private static final Spec OFF = BrowserTrees.browsers(BrowserDoh.OFF);
    private static final Spec RESOLVER = BrowserTrees.browsers(BrowserDoh.RESOLVER);
    private static final String SYSTEM = FirefoxPolicies.SYSTEM;
    private static final String ADMIN = Fixtures.text("browsers/firefox-admin-policies.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private Host host;
    private final BrowsersControl control = new BrowsersControl();

    @BeforeEach
    void firefoxEsr() throws Exception {
        BrowserTrees.plant(root, "/usr/lib/firefox-esr/firefox-esr", "");
        host = TestHosts.online(root, new ScriptedCommands());
    }

    private Assessment assess(Spec spec) throws Exception {
        return BrowserTrees.assess(control, spec, host);
    }

    private JsonNode written() throws Exception {
        return JSON.readTree(BrowserTrees.read(root, SYSTEM));
    }

    @Test
    void mergesIntoTheAdminsFileKeepingEveryOtherPolicyAndUndoRestoresItsBytes() throws Exception {
        BrowserTrees.plant(root, SYSTEM, ADMIN);
        Assessment a = ControlContract.holds(control, RESOLVER, host);
        assertThat(BrowserTrees.read(root, SYSTEM)).isEqualTo(ADMIN);
        assertThat(((WriteFile) a.changes().get(0)).mode()).as("the admin's file keeps its mode").isNull();

        BrowserTrees.applyAll(assess(RESOLVER), host);
        JsonNode before = JSON.readTree(ADMIN).get("policies");
        JsonNode after = written().get("policies");
        assertThat(after.get("DNSOverHTTPS")).isEqualTo(JSON.readTree("{\"Enabled\": true, \"ProviderURL\":"
                + " \"https://dns.corp.example/dns-query\", \"ExcludedDomains\": [\"corp.example\"], \"Locked\": true,"
                + " \"Fallback\": false}"));
        ((ObjectNode) before).remove("DNSOverHTTPS");
        ((ObjectNode) after).remove("DNSOverHTTPS");
        assertThat(after).isEqualTo(before);
        assertThat(BrowserTrees.read(root, SYSTEM)).contains("\"Value\": 1250.0").contains("Ask IT – extensions");
    }

    @Test
    void offDisablesAndLocks() throws Exception {
        BrowserTrees.applyAll(assess(OFF), host);
        assertThat(BrowserTrees.read(root, SYSTEM)).isEqualTo("{\n  \"policies\": {\n    \"DNSOverHTTPS\": {\n"
                + "      \"Enabled\": false,\n      \"Locked\": true\n    }\n  }\n}\n");
    }

    @Test
    void offReplacesTheWholeObjectSinceFallbackFalseAloneKeepsFirefoxOnDohOnly() throws Exception {
        String corp = "{\"policies\": {\"DisableTelemetry\": true, \"DNSOverHTTPS\": {\"Enabled\": true,"
                + " \"ProviderURL\": \"https://192.0.2.44/dns-query\", \"Fallback\": false,"
                + " \"ExcludedDomains\": [\"corp.example\"]}}}";
        BrowserTrees.plant(root, SYSTEM, corp);
        ControlContract.holds(control, OFF, host);
        assertThat(BrowserTrees.read(root, SYSTEM)).isEqualTo(corp);

        BrowserTrees.applyAll(assess(OFF), host);
        assertThat(written()).isEqualTo(JSON.readTree("{\"policies\": {\"DisableTelemetry\": true,"
                + " \"DNSOverHTTPS\": {\"Enabled\": false, \"Locked\": true}}}"));
        assertThat(assess(OFF).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void offWithAFallbackFalseLeftBesideItIsNotCompliant() throws Exception {
        BrowserTrees.plant(root, SYSTEM, "{\"policies\":{\"DNSOverHTTPS\":{\"Enabled\":false,\"Locked\":true,"
                + "\"Fallback\":false}}}");
        Assessment a = assess(OFF);
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        BrowserTrees.applyAll(a, host);
        assertThat(written().get("policies").get("DNSOverHTTPS")).isEqualTo(JSON.readTree("{\"Enabled\": false,"
                + " \"Locked\": true}"));
    }

    @Test
    void aNewFileIsWorldReadableAndUndoRemovesIt() throws Exception {
        Assessment a = ControlContract.holds(control, OFF, host);
        assertThat(a.changes()).extracting(c -> ((WriteFile) c).mode()).containsExactly(0644);
        assertThat(root.resolve(SYSTEM.substring(1))).doesNotExist();
    }

    @Test
    void theSameValuesInAnotherLayoutAreCompliant() throws Exception {
        BrowserTrees.plant(root, SYSTEM, "{\"policies\":{\"DNSOverHTTPS\":{\"Locked\":true,\"Enabled\":false},"
                + "\"DisableTelemetry\":true}}");
        Assessment a = assess(OFF);
        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings()).extracting(Finding::message)
                .contains("Firefox: " + SYSTEM + " sets DNSOverHTTPS {\"Enabled\":false,\"Locked\":true}");
    }

    @Test
    void aMalformedFileIsAnErrorAndNeverRewritten() throws Exception {
        for (String bad : List.of("{\"policies\": {\"DisableAppUpdate\": true,}}", "// managed by IT\n{\"policies\": {}}",
                "{\"policies\": {}} {\"policies\": {}}", "[\"policies\"]", "{\"policies\": [\"DisableAppUpdate\"]}",
                "{\"policies\": {\"DNSOverHTTPS\": true}}", "")) {
            BrowserTrees.plant(root, SYSTEM, bad);
            Assessment a = assess(OFF);
            assertThat(a.status()).as(bad).isEqualTo(Status.NON_COMPLIANT);
            assertThat(a.changes()).as(bad).isEmpty();
            assertThat(a.findings()).as(bad).anySatisfy(f -> {
                assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
                assertThat(f.message()).startsWith("Firefox: " + SYSTEM + " ").contains("leakguard does not rewrite it");
            });
        }
    }

    @Test
    void withoutASystemFileTheInstallsOwnPoliciesAreCarriedOver() throws Exception {
        BrowserTrees.plant(root, "/usr/share/firefox-esr/distribution/policies.json",
                "{\"policies\": {\"DisableAppUpdate\": true}}");
        java.nio.file.Files.createSymbolicLink(root.resolve("usr/lib/firefox-esr/distribution"),
                Path.of("../../share/firefox-esr/distribution"));
        Assessment a = ControlContract.holds(control, OFF, host);
        assertThat(a.findings()).extracting(Finding::message).contains("Firefox: " + SYSTEM + " starts as a copy of"
                + " /usr/lib/firefox-esr/distribution/policies.json, which Firefox stops reading once it exists");
        BrowserTrees.applyAll(assess(OFF), host);
        assertThat(written().get("policies").get("DisableAppUpdate").asBoolean()).isTrue();
        assertThat(assess(OFF).findings()).extracting(Finding::message).contains("Firefox:"
                + " /usr/lib/firefox-esr/distribution/policies.json is not read while " + SYSTEM + " exists");
    }

    @Test
    void anEtcFirefoxFolderCountsAsInstalled() throws Exception {
        java.nio.file.Files.delete(root.resolve("usr/lib/firefox-esr/firefox-esr"));
        BrowserTrees.folder(root, "/etc/firefox");
        assertThat(assess(OFF).changes()).extracting(c -> c.target()).containsExactly(SYSTEM);
    }

    @Test
    void providerUrlIsTheTemplateWithoutItsExpressions() {
        assertThat(FirefoxPolicies.providerUrl("https://dns.corp.example/dns-query{?dns}"))
                .isEqualTo("https://dns.corp.example/dns-query");
        assertThat(FirefoxPolicies.providerUrl("https://dns.corp.example/q")).isEqualTo("https://dns.corp.example/q");
    }
}
