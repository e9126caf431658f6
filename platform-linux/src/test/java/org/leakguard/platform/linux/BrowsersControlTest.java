package org.leakguard.platform.linux;

import org.leakguard.agent.spi.ControlContract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

/** The Chromium family's managed policy files, over a temporary root; no command may run. */
class BrowsersControlTest {
    private static final Spec OFF = BrowserTrees.browsers(BrowserDoh.OFF);
    private static final String CHROMIUM = "/etc/chromium/policies/managed/leakguard-doh.json";
    private static final String CHROME = "/etc/opt/chrome/policies/managed/leakguard-doh.json";
    private static final String OFF_TEXT = "{\n  \"DnsOverHttpsMode\": \"off\"\n}\n";

    @TempDir
    Path root;

    private Host host;
    private final BrowsersControl control = new BrowsersControl();

    @BeforeEach
    void host() {
        host = TestHosts.online(root, new ScriptedCommands());
    }

    private Assessment assess(Spec spec) throws Exception {
        return BrowserTrees.assess(control, spec, host);
    }

    @Test
    void noBrowserInstalledMeansNothingWrittenAndSaysWhatWasLookedFor() throws Exception {
        Assessment a = assess(OFF);
        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings()).extracting(Finding::message).containsExactly("browsers found: none; not installed,"
                + " so left alone: Google Chrome, Chromium, Microsoft Edge, Brave, Firefox");
        try (var files = Files.list(root)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void eachInstalledBrowserGetsOneFileAndUndoRemovesIt() throws Exception {
        BrowserTrees.folder(root, "/etc/chromium");
        BrowserTrees.plant(root, "/opt/google/chrome/chrome", "#!/bin/sh\n");
        Assessment first = ControlContract.holds(control, OFF, host);
        assertThat(first.changes()).containsExactly(
                WriteFile.text(CHROME, OFF_TEXT, 0644, "Google Chrome managed policy DnsOverHttpsMode \"off\""),
                WriteFile.text(CHROMIUM, OFF_TEXT, 0644, "Chromium managed policy DnsOverHttpsMode \"off\""));
        assertThat(first.findings().get(0).message()).isEqualTo("browsers found: Google Chrome"
                + " (/opt/google/chrome/chrome), Chromium (/etc/chromium); not installed, so left alone:"
                + " Microsoft Edge, Brave, Firefox");
        assertThat(root.resolve(CHROMIUM.substring(1))).doesNotExist();
        assertThat(root.resolve("etc/opt/edge")).doesNotExist();
    }

    @Test
    void theFileIsWorldReadableAsTheBrowserRequires() throws Exception {
        BrowserTrees.folder(root, "/etc/brave");
        BrowserTrees.applyAll(assess(OFF), host);
        Path file = root.resolve("etc/brave/policies/managed/leakguard-doh.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(file)).isEqualTo(OFF_TEXT);
    }

    @Test
    void resolverModeIsSecureDohToThePolicysTemplate() throws Exception {
        BrowserTrees.plant(root, "/opt/microsoft/msedge/msedge", "");
        BrowserTrees.applyAll(assess(BrowserTrees.browsers(BrowserDoh.RESOLVER)), host);
        assertThat(BrowserTrees.read(root, "/etc/opt/edge/policies/managed/leakguard-doh.json")).isEqualTo(
                "{\n  \"DnsOverHttpsMode\": \"secure\",\n  \"DnsOverHttpsTemplates\": \"" + BrowserTrees.TEMPLATE + "\"\n}\n");
    }

    @Test
    void aStaleFileOfLeakguardsIsRewrittenAndUndoPutsItsBytesBack() throws Exception {
        BrowserTrees.plant(root, CHROMIUM, "{\"DnsOverHttpsMode\":\"off\"}");
        Assessment a = ControlContract.holds(control, BrowserTrees.browsers(BrowserDoh.RESOLVER), host);
        assertThat(a.changes()).extracting(c -> c.target()).containsExactly(CHROMIUM);
        assertThat(BrowserTrees.read(root, CHROMIUM)).isEqualTo("{\"DnsOverHttpsMode\":\"off\"}");
    }

    @Test
    void aFileSortedBeforeLeakguardsIsAConflictLeakguardWins() throws Exception {
        BrowserTrees.plant(root, "/etc/chromium/policies/managed/corp.json",
                "{\"DnsOverHttpsMode\": \"secure\", \"HomepageLocation\": \"https://intranet.corp.example/\"}");
        Assessment a = ControlContract.holds(control, OFF, host);
        assertThat(a.findings()).extracting(Finding::severity, Finding::message).contains(
                org.assertj.core.groups.Tuple.tuple(Finding.Severity.WARNING, "Chromium:"
                        + " /etc/chromium/policies/managed/corp.json sets DnsOverHttpsMode to \"secure\"; leakguard-doh.json"
                        + " sorts after it and wins, but the browser reports a policy conflict: remove DnsOverHttpsMode from it"));
        assertThat(BrowserTrees.read(root, "/etc/chromium/policies/managed/corp.json")).contains("HomepageLocation");
    }

    @Test
    void aFileSortedAfterLeakguardsWinsSoTheControlStaysNonCompliant() throws Exception {
        BrowserTrees.plant(root, "/etc/chromium/policies/managed/zz-doh.json", "{\"DnsOverHttpsMode\": \"automatic\"}");
        Assessment first = assess(OFF);
        assertThat(first.status()).isEqualTo(Status.NON_COMPLIANT);
        BrowserTrees.applyAll(first, host);
        Assessment after = assess(OFF);
        assertThat(after.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(after.changes()).isEmpty();
        assertThat(after.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m)
                .contains("zz-doh.json sets DnsOverHttpsMode to \"automatic\" and sorts after leakguard-doh.json,"
                        + " so its value is in force"));
    }

    @Test
    void inResolverModeADifferentTemplateConflictsToo() throws Exception {
        BrowserTrees.plant(root, "/etc/chromium/policies/managed/other.json",
                "{\"DnsOverHttpsMode\": \"secure\", \"DnsOverHttpsTemplates\": \"https://dns.example.net/dns-query\"}");
        Assessment a = assess(BrowserTrees.browsers(BrowserDoh.RESOLVER));
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("other.json sets DnsOverHttpsTemplates to \"https://dns.example.net/dns-query\""))
                .noneSatisfy(m -> assertThat(m).contains("other.json sets DnsOverHttpsMode"));
    }

    @Test
    void aBrokenOtherFileIsReportedAndConflictsWithNothing() throws Exception {
        BrowserTrees.plant(root, "/etc/chromium/policies/managed/zz-broken.json", "{\"DnsOverHttpsMode\": \"secure\",}");
        Assessment a = assess(OFF);
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        BrowserTrees.applyAll(a, host);
        Assessment after = assess(OFF);
        assertThat(after.status()).isEqualTo(Status.COMPLIANT);
        assertThat(after.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m)
                .startsWith("Chromium: /etc/chromium/policies/managed/zz-broken.json is not valid JSON (line 1")
                .endsWith("the browser ignores every policy in it"));
    }

    @Test
    void resolverModeWithoutATemplateIsAPolicyErrorNotAGuess() throws Exception {
        BrowserTrees.folder(root, "/etc/chromium");
        Spec noTemplate = new Spec(Specs.resolvers(java.util.List.of(), true, "203.0.113.53"), null, null, null,
                new org.leakguard.agent.policy.Browsers(BrowserDoh.RESOLVER), null);
        Assessment a = assess(noTemplate);
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).extracting(Finding::severity).containsExactly(Finding.Severity.ERROR);
    }
}
