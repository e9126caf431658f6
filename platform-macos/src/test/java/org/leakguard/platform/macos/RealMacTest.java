package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.ExecCommands;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Browsers;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PolicyLoader;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;

/**
 * On a real Mac, as root, what the unit suite can only fake. It changes the machine's network
 * settings, so it runs only where asked to (LEAKGUARD_REAL_MAC=1, set by .github/workflows/macos.yml
 * on a throwaway hosted runner, and by name: the module's pom leaves it out of a plain build).
 * What a hosted runner has, and so what this class assumes, is written in that workflow: SIP on, no
 * MDM (a profile cannot be installed, so it is linted, never installed), pf disabled, App
 * Management on, passwordless sudo. Every test leaves pf, the services and the files as it found them.
 */
@EnabledOnOs(OS.MAC)
@EnabledIfEnvironmentVariable(named = "LEAKGUARD_REAL_MAC", matches = "1")
class RealMacTest {
    /** Public resolvers that answer from anywhere, so the runner keeps working while they are pinned. */
    static final List<String> PINNED = List.of("9.9.9.9", "149.112.112.112");

    final Host host = new Host(HostInfo.current(), new LocalFiles(Path.of("/")), new ExecCommands(), false, Clock.systemUTC());

    /** scutil, networksetup and profiles as this release prints them: every parser reads them, printed for new captures. */
    @Test
    void theParsersReadWhatThisMacPrints() throws Exception {
        String scutil = run(ScutilDns.COMMAND);
        System.out.println("scutil --dns:\n" + scutil);
        List<DnsResolver> resolvers = ScutilDns.parse(scutil);
        assertThat(resolvers).as("scutil --dns resolvers").isNotEmpty();
        assertThat(resolvers).filteredOn(DnsResolver::judged).as("a resolver that answers every name").isNotEmpty()
                .allSatisfy(r -> assertThat(r.ifName()).as(r.describe()).isNotBlank());
        String listing = run(NetworkService.LIST);
        System.out.println(listing);
        for (NetworkService s : NetworkService.parse(listing)) {
            if (s.enabled() && ServiceName.valid(s.name())) {
                String info = run(Ipv6Setting.read(s.name()));
                System.out.println("-getinfo " + s.name() + ":\n" + info);
                assertThat(Ipv6Setting.parse(info).mode()).as(s.name()).isNotEqualTo(Ipv6Mode.UNKNOWN);
                ServiceSetting.DNS_SERVERS.parse(run(ServiceSetting.DNS_SERVERS.read(s.name())));
            }
        }
        CommandResult profiles = exec(PrivateRelay.SHOW, null);
        System.out.println("profiles show: exit " + profiles.exitCode() + "\n" + profiles.stdout() + profiles.stderr());
        assertThat(PrivateRelay.off(profiles.stdout())).as("no MDM on a hosted runner, so nothing turns Private Relay off")
                .isFalse();
    }

    /** Real pfctl on an anchor of this test's own: a missing anchor's error text, and -E / -X with its token. */
    @Test
    void pfctlAnswersAsTheFakeDoes() throws Exception {
        String anchor = "com.apple/251.leakguard-test-" + UUID.randomUUID().toString().substring(0, 8);
        CommandResult missing = exec(List.of("pfctl", "-a", anchor, "-s", "rules"), null);
        System.out.println("missing anchor: exit " + missing.exitCode() + ", stderr: " + missing.stderr());
        // The fake's answer is inferred from pf's source, not captured: this is where it is seen.
        assertThat(missing.exitCode()).as("the exit code FakePf gives a missing anchor").isEqualTo(1);
        assertThat(missing.stderr()).as("FakePf's stderr line").contains(FakePf.NO_ANCHOR.strip());
        assertThat(missing.stderr()).contains(PfObserve.NO_ANCHOR);

        String infoBefore = status();
        Path tokenFile = Files.createTempFile("leakguard-pf", ".token");
        try {
            EnablePf.take(host, tokenFile.toString());
            String token = Files.readString(tokenFile).strip();
            assertThat(PfObserve.references(host)).as("pfctl -s References").contains(token);
            assertThat(status()).isEqualTo("Enabled");
            run(List.of("pfctl", "-a", anchor, "-f", "-"), "pass out quick proto udp from any to 192.0.2.53 port 53 label \"probe\"\n");
            assertThat(PfOutput.labels(run(List.of("pfctl", "-a", anchor, "-s", "rules")))).containsExactly("probe");
            run(List.of("pfctl", "-a", anchor, "-F", "rules"), null);
            run(Pfctl.release(token), null);
            assertThat(PfObserve.references(host)).doesNotContain(token);
        } finally {
            exec(List.of("pfctl", "-a", anchor, "-F", "all"), null);
            Files.deleteIfExists(tokenFile);
        }
        assertThat(status()).as("pf back to how the runner had it").isEqualTo(infoBefore);
    }

    /**
     * What FakePf infers from pf's source for exception users, seen on the real tools: pfctl prints a
     * user as its uid, refuses a ruleset naming an unknown account, and BSD id says "no such user".
     */
    @Test
    void pfctlPrintsUsersAsUidsAndRefusesUnknownOnes() throws Exception {
        String anchor = "com.apple/251.leakguard-test-" + UUID.randomUUID().toString().substring(0, 8);
        String nobody = "lgnouser" + UUID.randomUUID().toString().substring(0, 6);
        try {
            String uid = run(PfUser.lookup("daemon")).strip();
            run(List.of("pfctl", "-a", anchor, "-f", "-"),
                    "pass out quick proto udp from any to any port 53 user \"daemon\" label \"probe\"\n");
            String printed = run(List.of("pfctl", "-a", anchor, "-s", "rules"));
            System.out.println("user rule: " + printed);
            assertThat(printed).contains("port = 53 user = " + uid + " keep state");
            CommandResult unknown = exec(List.of("pfctl", "-a", anchor, "-f", "-"),
                    "pass out quick proto udp from any to any port 53 user \"" + nobody + "\" label \"probe\"\n");
            System.out.println("unknown user: exit " + unknown.exitCode() + ", stderr: " + unknown.stderr());
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.stderr()).contains("stdin:1: unknown user " + nobody, "pf rules not loaded");
            CommandResult id = exec(PfUser.lookup(nobody), null);
            assertThat(id.exitCode()).isEqualTo(1);
            assertThat(id.stderr()).contains("id: " + nobody + ": no such user");
        } finally {
            exec(List.of("pfctl", "-a", anchor, "-F", "all"), null);
        }
    }

    /** A routed domain's /etc/resolver file on this Mac: configd lists it in scutil --dns, and undo takes it away. */
    @Test
    void aRoutedDomainsFileIsWhatScutilListsAndUndoRemovesIt() throws Exception {
        String domain = "leakguard-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Spec spec = Specs.routed(List.of(new org.leakguard.agent.policy.Route(List.of(domain), Specs.ips("192.0.2.53"))));
        ResolversControl control = new ResolversControl();
        List<Change> changes = plan(control, spec).changes();
        List<BeforeImage> images = new ArrayList<>();
        try {
            for (Change c : changes) {
                images.add(c.capture(host));
                c.apply(host);
            }
            Assessment after = plan(control, spec);
            for (int i = 0; i < 20 && after.status() != org.leakguard.agent.spi.Status.COMPLIANT; i++) {
                Thread.sleep(250); // configd rereads /etc/resolver when it changes, not at once
                after = plan(control, spec);
            }
            System.out.println("scutil --dns with " + domain + ":\n" + run(ScutilDns.COMMAND));
            assertThat(after.status()).as(after.findings().toString()).isEqualTo(org.leakguard.agent.spi.Status.COMPLIANT);
        } finally {
            for (int i = images.size() - 1; i >= 0; i--) {
                changes.get(i).undo(host, images.get(i));
            }
        }
        assertThat(host.files().exists(ResolverFile.path(domain))).isFalse();
    }

    /** What an admin imports must pass plutil -lint: the profile of the shipped VPN policy and Firefox's preference file. */
    @Test
    void theExportedProfileAndFirefoxsPreferencesPassPlutilLint() throws Exception {
        Path policy = Path.of("").toAbsolutePath().getParent().resolve("policies/vpn-strict.yaml");
        Spec spec = new PolicyLoader().parse(policy.toString(), Files.readAllBytes(policy)).policy().spec();
        Path profile = Files.createTempFile("leakguard-dns", ".mobileconfig");
        Path prefs = Files.createTempFile("org.mozilla.firefox", ".plist");
        try {
            Files.writeString(profile, MobileConfig.of(spec).orElseThrow().text(), StandardCharsets.UTF_8);
            Files.writeString(prefs, Plist.document(FirefoxPolicy.keys(BrowserDoh.OFF, null)), StandardCharsets.UTF_8);
            for (Path p : List.of(profile, prefs)) {
                String said = run(List.of("plutil", "-lint", p.toString()));
                System.out.println(said);
                assertThat(said.strip()).endsWith(": OK");
            }
        } finally {
            Files.deleteIfExists(profile);
            Files.deleteIfExists(prefs);
        }
    }

    @Test
    void applyReadBackRollBackCompare() throws Exception {
        Spec spec = new Spec(new Resolvers(Specs.ips(PINNED.toArray(String[]::new)), List.of(), null, true, Encryption.NONE, null,
                null), null, Toggle.DISABLE, new Firewall(PortRule.BLOCK_OTHERS, PortRule.BLOCK_OTHERS, DohRule.BLOCK, List.of()),
                new Browsers(BrowserDoh.OFF), null);
        List<String> services = ServiceReads.enabled(host, new ArrayList<>());
        assertThat(services).as("enabled network services").isNotEmpty();
        String dnsBefore = readBack(services, "-getdnsservers");
        String ipv6Before = ipv6(services);
        String anchorBefore = anchorRules();
        String pfBefore = status();
        boolean firefoxFileBefore = host.files().exists(FirefoxPolicy.FILE);
        Map<String, Object> firefoxDomainBefore = FirefoxDomain.read(host);
        List<Control<?>> controls = List.of(new ResolversControl(), new Ipv6Control(), new FirewallControl(), new BrowsersControl());

        List<Change> applied = new ArrayList<>();
        List<BeforeImage> images = new ArrayList<>();
        try {
            for (Control<?> c : controls) {
                for (Change change : plan(c, spec).changes()) {
                    images.add(change.capture(host));
                    applied.add(change);
                    System.out.println("apply: " + change.summary());
                    change.apply(host);
                }
            }
            for (String s : services) {
                assertThat(ServiceSetting.DNS_SERVERS.parse(run(ServiceSetting.DNS_SERVERS.read(s)))).as(s).isEqualTo(PINNED);
                Ipv6Mode mode = Ipv6Setting.parse(run(Ipv6Setting.read(s))).mode();
                assertThat(mode).as(s).isIn(Ipv6Mode.OFF, Ipv6Mode.NONE);
            }
            String rules = anchorRules();
            System.out.println("pfctl -a " + PfRuleset.ANCHOR + " -sr:\n" + rules);
            assertThat(PfOutput.labels(rules)).isEqualTo(PfRules.wanted(spec, false, new ArrayList<>()).orElseThrow().labels());
            assertThat(status()).isEqualTo("Enabled");
            if (host.files().exists(FirefoxPolicy.APP)) {
                firefoxSeesThePolicy();
                assertThat(run(List.of("plutil", "-lint", FirefoxPolicy.FILE)).strip()).endsWith(": OK");
                assertThat(host.files().exists(FirefoxPolicy.BUNDLE_FILE)).as("nothing written inside Firefox.app").isFalse();
            }
            for (Control<?> c : controls) {
                Assessment again = plan(c, spec);
                System.out.println(c.id() + " after apply: " + again.status() + " " + again.findings());
                assertThat(again.changes()).as(c.id() + " after apply: " + again.findings()).isEmpty();
            }
        } finally {
            for (int i = applied.size() - 1; i >= 0; i--) {
                System.out.println("undo: " + applied.get(i).summary());
                applied.get(i).undo(host, images.get(i));
            }
        }
        for (int i = 0; i < applied.size(); i++) {
            assertThat(applied.get(i).isAt(host, images.get(i))).as("back: " + applied.get(i).target()).isTrue();
        }
        assertThat(readBack(services, "-getdnsservers")).isEqualTo(dnsBefore);
        assertThat(ipv6(services)).isEqualTo(ipv6Before);
        assertThat(anchorRules()).isEqualTo(anchorBefore);
        assertThat(status()).as("the -E reference was released").isEqualTo(pfBefore);
        // cfprefsd rewrites the file in its own format: the domain's keys are compared, and whether the file exists.
        assertThat(host.files().exists(FirefoxPolicy.FILE)).isEqualTo(firefoxFileBefore);
        assertThat(FirefoxDomain.read(host)).isEqualTo(firefoxDomainBefore);
    }

    /**
     * What cfprefsd serves, read with defaults. {@code defaults read org.mozilla.firefox} reads one
     * level only, the user's own domain (~/Library/Preferences), never the computer level leakguard
     * writes, so it is asked as the user who started the run (sudo's SUDO_USER, as whom Firefox runs)
     * to show that no user-level value overrides the policy in Firefox's composited lookup; the
     * computer level is read by its path, through cfprefsd, and must carry the policy.
     */
    private void firefoxSeesThePolicy() throws Exception {
        String user = System.getenv().getOrDefault("SUDO_USER", "root");
        CommandResult own = exec(List.of("sudo", "-u", user, "defaults", "read", FirefoxPolicy.DOMAIN), null);
        System.out.println("defaults read " + FirefoxPolicy.DOMAIN + " as " + user + ": exit " + own.exitCode() + "\n"
                + own.stdout() + own.stderr());
        assertThat(own.exitCode() != 0 || !own.stdout().contains(FirefoxPolicy.KEY))
                .as("no user-level " + FirefoxPolicy.KEY + " overrides the computer level").isTrue();
        String computer = run(List.of("defaults", "read", FirefoxDomain.PATH));
        System.out.println("defaults read " + FirefoxDomain.PATH + ":\n" + computer);
        assertThat(computer).contains("EnterprisePoliciesEnabled = 1", "DNSOverHTTPS =").containsPattern("Enabled = 0;")
                .containsPattern("Locked = 1;");
        assertThat(PlistReader.dictionary(run(FirefoxDomain.EXPORT))).containsAllEntriesOf(FirefoxPolicy.keys(BrowserDoh.OFF, null));
    }

    private <O> Assessment plan(Control<O> control, Spec spec) throws Exception {
        return control.plan(spec, control.observe(spec, host));
    }

    private String readBack(List<String> services, String option) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String s : services) {
            out.append(s).append(": ").append(run(Tools.argv(option, s, List.of())));
        }
        return out.toString();
    }

    private String ipv6(List<String> services) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String s : services) {
            out.append(s).append(": ").append(Ipv6Setting.parse(run(Ipv6Setting.read(s)))).append('\n');
        }
        return out.toString();
    }

    private String anchorRules() throws Exception {
        return String.join("\n", PfOutput.rules(PfObserve.anchorRules(host)));
    }

    /** "Enabled" or "Disabled", from {@code pfctl -s info}'s Status line. */
    private String status() throws Exception {
        return run(List.of("pfctl", "-s", "info")).lines().filter(l -> l.startsWith("Status:")).findFirst()
                .map(l -> l.split("\\s+")[1]).orElseThrow();
    }

    private String run(List<String> argv) throws Exception {
        return run(argv, null);
    }

    private String run(List<String> argv, String input) throws Exception {
        CommandResult r = exec(argv, input);
        assertThat(r.exitCode()).as(String.join(" ", argv) + ": " + r.stderr()).isZero();
        return r.stdout();
    }

    private CommandResult exec(List<String> argv, String input) throws Exception {
        return host.commands().run(new Command(argv, input, null));
    }
}
