package org.leakguard.platform.macos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.WriteFile;
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
 * their part is in force only once the profile is installed; Firefox's is a file leakguard writes.
 * Only installed browsers (app bundles in /Applications) are judged.
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
        String policies = firefox ? host.files().readString(FirefoxPolicy.FILE).orElse(null) : null;
        Set<String> profiles = null;
        String problem = null;
        if (!chromium.isEmpty()) {
            try {
                profiles = ServiceReads.profiles(host);
            } catch (IOException e) {
                problem = e.getMessage();
            }
        }
        return new BrowsersSeen(chromium, firefox, policies, profiles, problem);
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
            try {
                Optional<String> text = FirefoxPolicy.merged(seen.firefoxPolicies(), FirefoxPolicy.wanted(doh, template));
                if (text.isPresent()) {
                    changes.add(WriteFile.text(FirefoxPolicy.FILE, text.get(), seen.firefoxPolicies() == null ? Integer.valueOf(0644) : null,
                            "Firefox policy " + FirefoxPolicy.KEY + " " + FirefoxPolicy.wanted(doh, template)
                                    + "; every other policy is kept"));
                    findings.add(Finding.info("Firefox reads policies.json when it starts; a Firefox update that"
                            + " replaces the app bundle drops the file, and the next check reports it"));
                } else {
                    findings.add(Finding.info("Firefox: " + FirefoxPolicy.FILE + " sets " + FirefoxPolicy.KEY + " "
                            + FirefoxPolicy.wanted(doh, template)));
                }
            } catch (IllegalArgumentException e) {
                findings.add(Finding.error("Firefox: " + e.getMessage() + "; it is left as it is: fix or remove it"));
                blocked = true;
            }
        }
        Status status = changes.isEmpty() && !blocked ? Status.COMPLIANT
                : changes.isEmpty() && !seen.chromium().isEmpty() && seen.profiles() == null ? Status.UNKNOWN
                : Status.NON_COMPLIANT;
        return new Assessment(status, changes, findings);
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
