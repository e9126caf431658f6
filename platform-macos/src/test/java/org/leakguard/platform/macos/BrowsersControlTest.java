package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.BinaryPropertyListWriter;
import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.CommandResult;
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

    Path prefs() throws java.io.IOException {
        Path file = root.resolve(FirefoxPolicy.FILE.substring(1));
        Files.createDirectories(file.getParent());
        return file;
    }

    @Test
    void firefoxGetsItsPreferenceDomainKeepingOtherKeysAndNothingInsideTheAppBundle() throws Exception {
        install(FirefoxPolicy.APP);
        NSDictionary admin = new NSDictionary();
        admin.put("DisableTelemetry", true);
        admin.put("DNSOverHTTPS", Map.of("Enabled", true));
        String before = admin.toXMLPropertyList();
        Files.writeString(prefs(), before);

        Assessment a = ControlContract.holds(control, Specs.browsers(BrowserDoh.OFF, false), MacHosts.online(root, commands));

        WriteFile write = (WriteFile) a.changes().get(0);
        assertThat(write.path()).isEqualTo("/Library/Preferences/org.mozilla.firefox.plist");
        Map<String, Object> written = MobileConfigTest.parse(write.text());
        assertThat(written).containsEntry("DisableTelemetry", true).containsEntry("EnterprisePoliciesEnabled", true)
                .containsEntry("DNSOverHTTPS", Map.of("Enabled", false, "Locked", true));
        assertThat(Files.readString(prefs())).isEqualTo(before);
        try (var inBundle = Files.walk(root.resolve(FirefoxPolicy.APP.substring(1)))) {
            assertThat(inBundle.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(commands.argvs()).isEmpty();
        assertThat(a.findings().get(0).message()).isEqualTo("browsers installed: Firefox; not installed, so not judged:"
                + " Google Chrome, Microsoft Edge, Brave, Chromium");
    }

    @Test
    void firefoxPointedAtTheResolverGetsAPlainUrlAndNoFallback() {
        assertThat(FirefoxPolicy.wanted(BrowserDoh.RESOLVER, Specs.TEMPLATE)).isEqualTo(Map.of("Enabled", true,
                "ProviderURL", "https://dns.corp.example/dns-query", "Locked", true, "Fallback", false));
    }

    /** {@code defaults write} leaves a binary plist: read through plutil, as on a Mac, and written back as XML. */
    @Test
    void aBinaryPreferenceFileIsReadThroughPlutil() throws Exception {
        install(FirefoxPolicy.APP);
        NSDictionary admin = new NSDictionary();
        admin.put("OfferToSaveLogins", false);
        Files.write(prefs(), BinaryPropertyListWriter.writeToArray(admin));
        commands.on(FirefoxPolicy.TO_XML, c -> new CommandResult(0, xml(prefs()), ""));
        Spec spec = Specs.browsers(BrowserDoh.OFF, false);

        Assessment a = plan(spec);
        a.changes().get(0).apply(MacHosts.online(root, commands));

        assertThat(MobileConfigTest.parse(Files.readString(prefs()))).containsEntry("OfferToSaveLogins", false)
                .containsEntry("EnterprisePoliciesEnabled", true);
        assertThat(plan(spec).status()).isEqualTo(Status.COMPLIANT);
    }

    /** What {@code plutil -convert xml1 -o - FILE} prints: the same list as XML. */
    static String xml(Path file) throws java.io.IOException {
        try {
            return PropertyListParser.parse(Files.readAllBytes(file)).toXMLPropertyList();
        } catch (Exception e) {
            throw new java.io.IOException(e);
        }
    }

    @Test
    void aPreferenceFileThatIsNotAPlistIsReportedNotReplaced() throws Exception {
        install(FirefoxPolicy.APP);
        Files.writeString(prefs(), "<plist><dict><key>x</key>");

        Assessment a = plan(Specs.browsers(BrowserDoh.OFF, false));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("could not be read", "left as it is"));
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
