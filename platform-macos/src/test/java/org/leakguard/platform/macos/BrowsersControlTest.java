package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.NSDictionary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    final ScriptedCommands commands = MacHosts.asRoot(new ScriptedCommands());
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
    void firefoxGetsItsPreferenceDomainThroughDefaultsKeepingOtherKeysAndNothingInsideTheAppBundle() throws Exception {
        install(FirefoxPolicy.APP);
        NSDictionary admin = new NSDictionary();
        admin.put("DisableTelemetry", true);
        admin.put("DNSOverHTTPS", Map.of("Enabled", true));
        String before = admin.toXMLPropertyList();
        Files.writeString(prefs(), before);
        FakeDefaults defaults = new FakeDefaults(commands, root).acceptsPolicy(BrowserDoh.OFF, null)
                .accepts("DNSOverHTTPS", Map.of("Enabled", true));

        Assessment a = ControlContract.holds(control, Specs.browsers(BrowserDoh.OFF, false), MacHosts.online(root, commands));

        WriteFirefoxDefaults write = (WriteFirefoxDefaults) a.changes().get(0);
        assertThat(write.target()).isEqualTo("/Library/Preferences/org.mozilla.firefox.plist");
        assertThat(write.values()).containsOnlyKeys("DNSOverHTTPS", "EnterprisePoliciesEnabled")
                .containsEntry("EnterprisePoliciesEnabled", "<true/>")
                .containsEntry("DNSOverHTTPS", "<dict><key>Enabled</key><false/><key>Locked</key><true/></dict>");
        assertThat(commands.argvs()).contains(
                List.of("/usr/bin/defaults", "write", "/Library/Preferences/org.mozilla.firefox", "EnterprisePoliciesEnabled", "<true/>"),
                List.of("/usr/bin/defaults", "write", "/Library/Preferences/org.mozilla.firefox", "DNSOverHTTPS",
                        "<dict><key>Enabled</key><true/></dict>"))
                .as("undo deletes the key that was not there").contains(
                        List.of("/usr/bin/defaults", "delete", "/Library/Preferences/org.mozilla.firefox", "EnterprisePoliciesEnabled"));
        assertThat(MobileConfigTest.parse(defaults.domain().toXMLPropertyList())).as("back to what cfprefsd served before")
                .isEqualTo(MobileConfigTest.parse(before));
        try (var inBundle = Files.walk(root.resolve(FirefoxPolicy.APP.substring(1)))) {
            assertThat(inBundle.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(a.findings().get(0).message()).isEqualTo("browsers installed: Firefox; not installed, so not judged:"
                + " Google Chrome, Microsoft Edge, Brave, Chromium");
    }

    /**
     * cfprefsd serves Firefox its cached copy of the domain: a file changed behind its back says
     * nothing about what Firefox reads, so the check asks defaults, not the file.
     */
    @Test
    void theCheckJudgesWhatCfprefsdServesNotTheFile() throws Exception {
        install(FirefoxPolicy.APP);
        NSDictionary plain = new NSDictionary();
        plain.put("OfferToSaveLogins", false);
        Files.writeString(prefs(), plain.toXMLPropertyList());
        FakeDefaults defaults = new FakeDefaults(commands, root).acceptsPolicy(BrowserDoh.OFF, null);
        assertThat((Object) defaults.domain()).as("cfprefsd has read the domain").isNotNull();
        Spec spec = Specs.browsers(BrowserDoh.OFF, false);
        Files.writeString(prefs(), Plist.document(FirefoxPolicy.keys(BrowserDoh.OFF, null)));

        Assessment behind = plan(spec);

        assertThat(behind.status()).as("the file says compliant, cfprefsd does not").isEqualTo(Status.NON_COMPLIANT);
        behind.changes().get(0).apply(MacHosts.online(root, commands));
        assertThat(plan(spec).status()).isEqualTo(Status.COMPLIANT);
        assertThat(MobileConfigTest.parse(defaults.domain().toXMLPropertyList())).containsEntry("OfferToSaveLogins", false)
                .containsEntry("EnterprisePoliciesEnabled", true);
    }

    @Test
    void withoutAFileUndoDeletesTheDomain() throws Exception {
        install(FirefoxPolicy.APP);
        FakeDefaults defaults = new FakeDefaults(commands, root).acceptsPolicy(BrowserDoh.OFF, null);
        Spec spec = Specs.browsers(BrowserDoh.OFF, false);

        ControlContract.holds(control, spec, MacHosts.online(root, commands));

        assertThat(prefs()).doesNotExist();
        assertThat((Object) defaults.domain()).isNull();
        assertThat(commands.argvs()).contains(List.of("/usr/bin/defaults", "delete", "/Library/Preferences/org.mozilla.firefox"));
    }

    @Test
    void firefoxPointedAtTheResolverGetsAPlainUrlAndNoFallback() {
        assertThat(FirefoxPolicy.wanted(BrowserDoh.RESOLVER, Specs.TEMPLATE)).isEqualTo(Map.of("Enabled", true,
                "ProviderURL", "https://dns.corp.example/dns-query", "Locked", true, "Fallback", false));
    }

    @Test
    void aPreferenceFileThatIsNotAPlistIsReportedNotReplaced() throws Exception {
        install(FirefoxPolicy.APP);
        Files.writeString(prefs(), "<plist><dict><key>x</key>");
        commands.fail(1, "", FirefoxDomain.EXPORT.toArray(String[]::new));

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
        assertThat(commands.argvs()).containsExactly(ProfilesAccess.UID, List.of("profiles", "list"));

        ScriptedCommands installed = MacHosts.asRoot(new ScriptedCommands()).ok("_computerlevel[1] attribute: profileIdentifier: "
                + MobileConfig.of(spec).orElseThrow().identifier() + "\n", "profiles", "list");
        Assessment ok = control.plan(spec, control.observe(spec, MacHosts.online(root, installed)));
        assertThat(ok.status()).isEqualTo(Status.COMPLIANT);
        assertThat(ok.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("in force through configuration profile"));
    }

    /** Run by another user, profiles list leaves out computer-level profiles: unknown, never "not installed". */
    @Test
    void anUnprivilegedCheckOfTheChromiumProfileIsUnknown() throws Exception {
        install(MacBrowser.CHROME.app());
        ScriptedCommands user = MacHosts.asUser(new ScriptedCommands());
        Spec spec = Specs.browsers(BrowserDoh.OFF, false);

        Assessment a = control.plan(spec, control.observe(spec, MacHosts.online(root, user)));

        assertThat(a.status()).isEqualTo(Status.UNKNOWN);
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("could not tell", "needs root to read installed profiles"))
                .noneSatisfy(m -> assertThat(m).contains("which is not installed"));
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
