package org.leakguard.platform.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;

/**
 * Browser DoH, read only: which browsers are installed, what their managed-policy folders hold,
 * and the DoH setting found there (REFERENCE 2.1, 2.2). A browser with its own DoH resolves
 * around the system resolver and so around every other control.
 */
final class DiagnosisBrowsers {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A browser: the programs that show it is installed, and its policy folder or file. */
    record Browser(String name, List<String> programs, String policies, boolean firefox) {}

    static final List<Browser> BROWSERS = List.of(
            new Browser("Chrome", List.of("/opt/google/chrome/chrome", "/usr/bin/google-chrome"), "/etc/opt/chrome/policies/managed", false),
            new Browser("Chromium", List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"),
                    "/etc/chromium/policies/managed", false),
            new Browser("Edge", List.of("/opt/microsoft/msedge/msedge", "/usr/bin/microsoft-edge"), "/etc/opt/edge/policies/managed", false),
            new Browser("Brave", List.of("/opt/brave.com/brave/brave", "/usr/bin/brave-browser"), "/etc/brave/policies/managed", false),
            new Browser("Firefox", List.of("/usr/bin/firefox", "/usr/bin/firefox-esr", "/usr/lib/firefox/firefox",
                    "/usr/lib/firefox-esr/firefox-esr"), "/etc/firefox/policies/policies.json", true));

    private DiagnosisBrowsers() {}

    static Diagnosis run(Files files) throws IOException {
        List<String> evidence = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (Browser b : BROWSERS) {
            boolean installed = b.programs().stream().anyMatch(files::exists);
            String state = b.firefox() ? firefox(files, b.policies()) : chromium(files, b.policies());
            if (installed || !state.startsWith("no ")) {
                evidence.add(b.name() + (installed ? "" : " (not installed)") + ": " + state);
            }
            if (installed && !state.contains("DoH off")) {
                open.add(b.name());
            }
        }
        if (evidence.isEmpty()) {
            return new Diagnosis("browsers", Finding.Severity.INFO, "no known browser is installed", List.of());
        }
        return open.isEmpty()
                ? new Diagnosis("browsers", Finding.Severity.INFO, "every installed browser has DoH off by policy", evidence)
                : new Diagnosis("browsers", Finding.Severity.WARNING, String.join(", ", open)
                        + " may resolve names over their own DNS-over-HTTPS, around the system resolver", evidence);
    }

    private static String chromium(Files files, String dir) throws IOException {
        List<String> names = files.list(dir).stream().filter(n -> n.endsWith(".json")).toList();
        if (names.isEmpty()) {
            return "no managed policy in " + dir;
        }
        String mode = null;
        for (String n : names) {
            JsonNode v = json(files, dir + "/" + n).path("DnsOverHttpsMode");
            mode = v.isTextual() ? v.asText() : mode;
        }
        return dir + " holds " + names + "; DnsOverHttpsMode " + (mode == null
                ? "unset (a managed browser then keeps DoH off: DoH off)"
                : mode + (mode.equals("off") ? " (DoH off)" : ""));
    }

    private static String firefox(Files files, String path) throws IOException {
        if (!files.exists(path)) {
            return "no " + path;
        }
        JsonNode doh = json(files, path).path("policies").path("DNSOverHTTPS");
        if (doh.isMissingNode()) {
            return path + " sets no DNSOverHTTPS";
        }
        boolean off = doh.path("Enabled").isBoolean() && !doh.path("Enabled").asBoolean();
        return path + " DNSOverHTTPS " + doh + (off ? " (DoH off)" : "");
    }

    /** An unreadable policy file is reported as such: the browser ignores it too. */
    private static JsonNode json(Files files, String path) throws IOException {
        try {
            return JSON.readTree(files.readString(path).orElse("{}"));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return JSON.createObjectNode();
        }
    }
}
