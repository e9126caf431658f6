package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * {@code browsers.doh}: the browsers' own DNS-over-HTTPS, which would bypass the pinned resolvers
 * and the firewall's port 53 rules, is switched off (or pointed at the policy's resolver) with the
 * browsers' managed policies. Only browsers that are installed get a file: writing policy folders
 * for absent browsers would leave clutter, and a /etc/firefox policies.json would silently replace
 * the policies of a Firefox installed later. A browser installed later is reported by the next
 * check, as non-compliant, until apply runs again.
 */
final class BrowsersControl implements Control<BrowserState> {

    @Override
    public String id() {
        return "browsers";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.browsers() != null && spec.browsers().doh() != BrowserDoh.UNMANAGED;
    }

    @Override
    public BrowserState observe(Spec spec, Host host) throws IOException {
        List<ChromiumFolder> folders = new ArrayList<>();
        for (ChromiumBrowser b : ChromiumBrowser.values()) {
            folders.add(new ChromiumFolder(b, existing(host.files(), b.evidence()), readAll(host.files(), b.managedDir())));
        }
        Map<String, String> distributions = new LinkedHashMap<>();
        for (String install : FirefoxPolicies.INSTALLS) {
            String path = FirefoxPolicies.distribution(install);
            host.files().readString(path).ifPresent(t -> distributions.put(path, t));
        }
        FirefoxState firefox = new FirefoxState(existing(host.files(), FirefoxPolicies.EVIDENCE),
                host.files().readString(FirefoxPolicies.SYSTEM).orElse(null), distributions);
        return new BrowserState(folders, firefox);
    }

    private static List<String> existing(Files files, List<String> paths) {
        return paths.stream().filter(files::exists).toList();
    }

    /** Name to text; a name that cannot be read as a file (a subfolder) is left out, as browsers skip it. */
    private static Map<String, String> readAll(Files files, String dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : files.list(dir)) {
            try {
                files.readString(dir + "/" + name).ifPresent(t -> out.put(name, t));
            } catch (IOException e) {
                // Not a regular file.
            }
        }
        return out;
    }

    @Override
    public Assessment plan(Spec spec, BrowserState seen) {
        BrowserDoh doh = spec.browsers().doh();
        String template = spec.resolvers() == null ? null : spec.resolvers().dohTemplate();
        if (doh == BrowserDoh.RESOLVER && template == null) {
            return new Assessment(Status.NON_COMPLIANT, List.of(), List.of(Finding.error("browsers.doh: resolver"
                    + " needs resolvers.dohTemplate, the https:// URL browsers are pointed at; set it in the policy")));
        }
        BrowserPlan plan = new BrowserPlan();
        plan.note(Finding.info(inventory(seen)));
        Map<String, String> chromium = ChromiumPolicy.wanted(doh, template);
        seen.chromium().stream().filter(ChromiumFolder::installed).forEach(f -> ChromiumPolicy.plan(f, chromium, plan));
        if (seen.firefox().installed()) {
            FirefoxPolicies.plan(seen.firefox(), FirefoxPolicies.wanted(doh, template), plan);
        }
        return plan.assessment();
    }

    /** Which browsers were found (and by what), and which were not, so none is skipped unseen. */
    static String inventory(BrowserState seen) {
        List<String> found = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (ChromiumFolder f : seen.chromium()) {
            if (f.installed()) {
                found.add(f.browser().label() + " (" + f.evidence().get(0) + ")");
            } else {
                absent.add(f.browser().label());
            }
        }
        FirefoxState ff = seen.firefox();
        if (ff.installed()) {
            found.add("Firefox (" + (ff.evidence().isEmpty() ? FirefoxPolicies.SYSTEM : ff.evidence().get(0)) + ")");
        } else {
            absent.add("Firefox");
        }
        return "browsers found: " + (found.isEmpty() ? "none" : String.join(", ", found))
                + (absent.isEmpty() ? "" : "; not installed, so left alone: " + String.join(", ", absent));
    }
}
