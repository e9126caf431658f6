package org.leakguard.platform.windows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * {@code browsers.doh}: the browsers' own DNS over HTTPS, through their machine policies in the
 * registry (REFERENCE 2). Every browser's key is written whether or not it is installed: registry
 * policies sit beside the browser's other policies and a browser installed later starts with
 * them. Values leakguard does not set are left alone; previous values come back on undo.
 */
final class BrowsersControl implements Control<RegistrySeen> {
    static final String MODE = "DnsOverHttpsMode";
    static final String TEMPLATES = "DnsOverHttpsTemplates";
    static final String FIREFOX = "HKLM\\SOFTWARE\\Policies\\Mozilla\\Firefox\\DNSOverHTTPS";
    static final List<String> FIREFOX_VALUES = List.of("Enabled", "ProviderURL", "Locked", "Fallback");

    /** Chromium-family policy keys by browser name. */
    static final Map<String, String> CHROMIUM = chromium();

    private static Map<String, String> chromium() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Chrome", "HKLM\\SOFTWARE\\Policies\\Google\\Chrome");
        m.put("Chromium", "HKLM\\SOFTWARE\\Policies\\Chromium");
        m.put("Edge", "HKLM\\SOFTWARE\\Policies\\Microsoft\\Edge");
        m.put("Brave", "HKLM\\SOFTWARE\\Policies\\BraveSoftware\\Brave");
        return m;
    }

    @Override
    public String id() {
        return "browsers";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.browsers() != null && spec.browsers().doh() != BrowserDoh.UNMANAGED;
    }

    @Override
    public RegistrySeen observe(Spec spec, Host host) throws IOException {
        Map<String, List<String>> names = new LinkedHashMap<>();
        CHROMIUM.values().forEach(k -> names.put(k, List.of(MODE, TEMPLATES)));
        names.put(FIREFOX, FIREFOX_VALUES);
        return RegistrySeen.read(Ports.registry(host), names);
    }

    @Override
    public Assessment plan(Spec spec, RegistrySeen seen) {
        BrowserDoh doh = spec.browsers().doh();
        String template = spec.resolvers() == null ? null : spec.resolvers().dohTemplate();
        if (doh == BrowserDoh.RESOLVER && template == null) {
            return new Assessment(Status.NON_COMPLIANT, List.of(), List.of(Finding.error("browsers.doh: resolver needs"
                    + " resolvers.dohTemplate, the https:// URL browsers are pointed at; set it in the policy")));
        }
        List<Change> changes = new ArrayList<>();
        List<RegEntry> chromium = doh == BrowserDoh.RESOLVER
                ? List.of(new RegEntry(MODE, RegValue.sz("secure")), new RegEntry(TEMPLATES, RegValue.sz(template)))
                : List.of(new RegEntry(MODE, RegValue.sz("off")));
        CHROMIUM.forEach((name, key) -> seen.write(key, chromium, name + " DoH " + (doh == BrowserDoh.RESOLVER
                ? "only to the policy's resolver" : "off: lookups go to the system resolver")).ifPresent(changes::add));
        seen.write(FIREFOX, firefox(doh, template), "Firefox DoH " + (doh == BrowserDoh.RESOLVER
                ? "only to the policy's resolver, no fallback" : "off and locked")).ifPresent(changes::add);
        return Assessment.of(changes, List.of(Finding.info("Chrome, Chromium, Edge, Brave and Firefox read machine"
                + " policies when they start: running windows keep their DoH until restarted")));
    }

    /**
     * Off clears ProviderURL and Fallback: Firefox turns {@code Fallback} false into DoH-only mode
     * even when Enabled is false, and once DoH is off neither has any use.
     */
    static List<RegEntry> firefox(BrowserDoh doh, String template) {
        if (doh == BrowserDoh.RESOLVER) {
            return List.of(new RegEntry("Enabled", RegValue.dword(1)),
                    new RegEntry("ProviderURL", RegValue.sz(template.replaceAll("\\{[^}]*}", ""))),
                    new RegEntry("Locked", RegValue.dword(1)), new RegEntry("Fallback", RegValue.dword(0)));
        }
        return List.of(new RegEntry("Enabled", RegValue.dword(0)), new RegEntry("ProviderURL", null),
                new RegEntry("Locked", RegValue.dword(1)), new RegEntry("Fallback", null));
    }
}
