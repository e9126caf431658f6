package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

class BrowsersControlTest {
    @TempDir
    Path root;

    final ScriptedCommands commands = new ScriptedCommands();
    final BrowsersControl control = new BrowsersControl();

    void install(String app) throws Exception {
        Files.createDirectories(root.resolve(app.substring(1)).resolve("Contents/Resources"));
    }

    Assessment plan(Spec spec) throws Exception {
        return control.plan(spec, control.observe(spec, MacHosts.online(root, commands)));
    }

    @Test
    void firefoxGetsPoliciesJsonInItsBundleKeepingOtherPoliciesAndUndoRestoresIt() throws Exception {
        install(FirefoxPolicy.APP);
        Path file = root.resolve(FirefoxPolicy.FILE.substring(1));
        Files.createDirectories(file.getParent());
        String before = "{\"policies\": {\"DisableTelemetry\": true, \"DNSOverHTTPS\": {\"Enabled\": true}}}\n";
        Files.writeString(file, before);

        Assessment a = ControlContract.holds(control, Specs.browsers(BrowserDoh.OFF, false), MacHosts.online(root, commands));

        String written = ((WriteFile) a.changes().get(0)).text();
        var tree = new ObjectMapper().readTree(written);
        assertThat(tree.at("/policies/DisableTelemetry").asBoolean()).isTrue();
        assertThat(tree.at("/policies/DNSOverHTTPS").toString()).isEqualTo("{\"Enabled\":false,\"Locked\":true}");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(commands.argvs()).isEmpty();
        assertThat(a.findings().get(0).message()).isEqualTo("browsers installed: Firefox; not installed, so not judged:"
                + " Google Chrome, Microsoft Edge, Brave, Chromium");
    }

    @Test
    void firefoxPointedAtTheResolverGetsAPlainUrlAndNoFallback() {
        assertThat(FirefoxPolicy.wanted(BrowserDoh.RESOLVER, Specs.TEMPLATE).toString()).isEqualTo(
                "{\"Enabled\":true,\"ProviderURL\":\"https://dns.corp.example/dns-query\",\"Locked\":true,\"Fallback\":false}");
    }

    @Test
    void anAdminsPoliciesJsonThatIsNotJsonIsReportedNotReplaced() throws Exception {
        install(FirefoxPolicy.APP);
        Path file = root.resolve(FirefoxPolicy.FILE.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{ not json");

        Assessment a = plan(Specs.browsers(BrowserDoh.OFF, false));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("not valid JSON"));
    }

    @Test
    void chromiumFamilyIsInForceOnlyWithTheProfileInstalled() throws Exception {
        install(MacBrowser.CHROME.app());
        install(MacBrowser.BRAVE.app());
        commands.ok(Captures.text("profiles-list--other-profiles.txt"), "profiles", "list");
        Spec spec = Specs.browsers(BrowserDoh.OFF, false);

        Assessment missing = plan(spec);

        assertThat(missing.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(missing.changes()).isEmpty();
        assertThat(missing.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("Google Chrome, Brave DnsOverHttpsMode needs configuration"
                        + " profile org.leakguard.dns.").contains("macOS 11 and later"));
        assertThat(commands.argvs()).containsExactly(List.of("profiles", "list"));

        ScriptedCommands installed = new ScriptedCommands().ok("_computerlevel[1] attribute: profileIdentifier: "
                + MobileConfig.of(spec).orElseThrow().identifier() + "\n", "profiles", "list");
        Assessment ok = control.plan(spec, control.observe(spec, MacHosts.online(root, installed)));
        assertThat(ok.status()).isEqualTo(Status.COMPLIANT);
        assertThat(ok.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("in force through configuration profile"));
    }

    @Test
    void anOlderLeakguardProfileIsNamedForRemoval() throws Exception {
        install(MacBrowser.EDGE.app());
        commands.ok(Captures.text("profiles-list--with-count-line.txt"), "profiles", "list");

        Assessment a = plan(Specs.browsers(BrowserDoh.OFF, false));

        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("installed instead: org.leakguard.dns.0123456789ab", "remove it"));
    }

    @Test
    void resolverWithoutATemplateIsAPolicyError() throws Exception {
        assertThat(plan(Specs.browsers(BrowserDoh.RESOLVER, false)).findings().get(0).message())
                .contains("needs resolvers.dohTemplate");
    }

    @Test
    void noBrowserNothingToDo() throws Exception {
        Assessment a = plan(Specs.browsers(BrowserDoh.OFF, false));
        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings().get(0).message()).startsWith("browsers installed: none");
    }
}
