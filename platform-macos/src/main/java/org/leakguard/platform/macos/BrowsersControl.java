package org.leakguard.platform.macos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * {@code browsers.doh}: browsers' own DNS over HTTPS, which bypasses the pinned servers. Chrome,
 * Edge, Brave and Chromium take mandatory policy on macOS only from a configuration profile
 * ({@code defaults write} values are merely recommended, which DnsOverHttpsMode ignores), so
 * their part is in force only once the profile is installed. Firefox reads the org.mozilla.firefox
 * preference domain: the profile carries it too, and for hosts without MDM leakguard writes
 * {@value FirefoxPolicy#FILE} with {@code defaults}, and checks it the same way, so what is judged is
 * what cfprefsd serves Firefox; never anything inside an app bundle. Only installed browsers (app
 * bundles in /Applications) are judged.
 */
final class BrowsersControl implements Control<BrowsersSeen> {

    @Override
    public String id() {
        return "browsers";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.browsers() != null && spec.browsers().doh() != BrowserDoh.UNMANAGED;
    }

    @Override
    public BrowsersSeen observe(Spec spec, Host host) throws IOException {
        List<MacBrowser> chromium = new ArrayList<>();
        for (MacBrowser b : MacBrowser.values()) {
            if (host.files().exists(b.app())) {
                chromium.add(b);
            }
        }
        boolean firefox = host.files().exists(FirefoxPolicy.APP);
        Map<String, Object> prefs = null;
        String problem = null;
        if (firefox) {
            try {
                prefs = firefoxPrefs(host);
            } catch (IOException | IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        Set<String> profiles = null;
        String profilesProblem = null;
        if (!chromium.isEmpty()) {
            try {
                profiles = ServiceReads.profiles(host);
            } catch (IOException e) {
                profilesProblem = e.getMessage();
            }
        }
        return new BrowsersSeen(chromium, firefox, prefs, problem, firefox && host.files().exists(FirefoxPolicy.BUNDLE_FILE),
                profiles, profilesProblem);
    }

    /** The domain's keys as cfprefsd serves them to Firefox, not as the file on disk may say. */
    private static Map<String, Object> firefoxPrefs(Host host) throws IOException {
        return FirefoxDomain.read(host);
    }

    @Override
    public Assessment plan(Spec spec, BrowsersSeen seen) {
        BrowserDoh doh = spec.browsers().doh();
        String template = spec.resolvers() == null ? null : spec.resolvers().dohTemplate();
        if (doh == BrowserDoh.RESOLVER && template == null) {
            return new Assessment(Status.NON_COMPLIANT, List.of(), List.of(Finding.error("browsers.doh: resolver needs"
                    + " resolvers.dohTemplate, the https:// URL browsers are pointed at; set it in the policy")));
        }
        List<Change> changes = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info(inventory(seen)));
        boolean blocked = false;
        if (!seen.chromium().isEmpty()) {
            String names = String.join(", ", seen.chromium().stream().map(MacBrowser::label).toList());
            Optional<Finding> missing = ProfileCheck.missing(spec, seen.profiles(), seen.profilesProblem(),
                    names + " DnsOverHttpsMode");
            findings.add(missing.orElse(ProfileCheck.installed(spec, names + " DnsOverHttpsMode")));
            blocked = missing.isPresent();
        }
        if (seen.firefox()) {
            blocked |= firefox(seen, doh, template, changes, findings);
        }
        Status status = changes.isEmpty() && !blocked ? Status.COMPLIANT
                : changes.isEmpty() && !seen.chromium().isEmpty() && seen.profiles() == null ? Status.UNKNOWN
                : Status.NON_COMPLIANT;
        return new Assessment(status, changes, findings);
    }

    /** Plans the preference file; true when it cannot be written as it is. */
    private static boolean firefox(BrowsersSeen seen, BrowserDoh doh, String template, List<Change> changes, List<Finding> findings) {
        if (seen.bundlePolicies()) {
            findings.add(Finding.info("Firefox: " + FirefoxPolicy.BUNDLE_FILE + " exists; leakguard never writes inside"
                    + " an app bundle, and Firefox reads the " + FirefoxPolicy.DOMAIN + " domain as well"));
        }
        if (seen.firefoxProblem() != null) {
            findings.add(Finding.error("Firefox: the " + FirefoxPolicy.DOMAIN + " domain (" + FirefoxPolicy.FILE + ") could not be"
                    + " read (" + seen.firefoxProblem() + "); it is left as it is: fix or remove it, then apply again"));
            return true;
        }
        Map<String, String> differing = FirefoxPolicy.differing(seen.firefoxPrefs(), doh, template);
        String what = FirefoxPolicy.describe(doh, template);
        if (!differing.isEmpty()) {
            changes.add(new WriteFirefoxDefaults(differing, "Firefox policy " + what + " in the " + FirefoxPolicy.DOMAIN
                    + " domain, through cfprefsd; every other key is kept"));
            findings.add(Finding.info("Firefox reads the " + FirefoxPolicy.DOMAIN + " domain when it starts; the exported"
                    + " configuration profile carries the same keys for Macs under MDM"));
        } else {
            findings.add(Finding.info("Firefox: the " + FirefoxPolicy.DOMAIN + " domain (" + FirefoxPolicy.FILE + ", as"
                    + " defaults reads it) sets " + what));
        }
        return false;
    }

    static String inventory(BrowsersSeen seen) {
        List<String> found = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (MacBrowser b : MacBrowser.values()) {
            (seen.chromium().contains(b) ? found : absent).add(b.label());
        }
        (seen.firefox() ? found : absent).add("Firefox");
        return "browsers installed: " + (found.isEmpty() ? "none" : String.join(", ", found))
                + (absent.isEmpty() ? "" : "; not installed, so not judged: " + String.join(", ", absent));
    }
}
