package org.leakguard.platform.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.spi.Finding;

/**
 * leakguard's managed policy file for a Chromium-family browser, and the other files in the same
 * folder that contradict it. Pure: works on what {@link BrowsersControl} read.
 */
final class ChromiumPolicy {
    static final String FILE = "leakguard-doh.json";
    static final String MODE = "DnsOverHttpsMode";
    static final String TEMPLATES = "DnsOverHttpsTemplates";

    private ChromiumPolicy() {}

    /** off: the system resolver only; resolver: DoH to the policy's template, never plain fallback. */
    static Map<String, String> wanted(BrowserDoh doh, String template) {
        Map<String, String> want = new LinkedHashMap<>();
        if (doh == BrowserDoh.RESOLVER) {
            want.put(MODE, "secure");
            want.put(TEMPLATES, template);
        } else {
            want.put(MODE, "off");
        }
        return want;
    }

    static String render(Map<String, String> want) {
        ObjectNode o = BrowserJson.newObject();
        want.forEach(o::put);
        return BrowserJson.render(o);
    }

    /** Writes leakguard's file where it differs, and reports every file that contradicts it. */
    static void plan(ChromiumFolder folder, Map<String, String> want, BrowserPlan plan) {
        ChromiumBrowser b = folder.browser();
        String text = render(want);
        if (text.equals(folder.files().get(FILE))) {
            plan.note(Finding.info(b.label() + ": " + b.leakguardFile() + " sets " + describe(want)));
        } else {
            plan.change(WriteFile.text(b.leakguardFile(), text, 0644, b.label() + " managed policy " + describe(want)));
        }
        List<String> unreadable = new ArrayList<>();
        for (ChromiumConflict c : conflicts(folder.files(), want, unreadable)) {
            String where = b.label() + ": " + b.managedDir() + "/" + c.file() + " sets " + c.policy() + " to " + c.value();
            if (c.overrides()) {
                plan.block(Finding.warning(where + " and sorts after " + FILE + ", so its value is in force"
                        + " (the last file by name wins a conflict); remove " + c.policy() + " from it"));
            } else {
                plan.note(Finding.warning(where + "; " + FILE + " sorts after it and wins, but the browser"
                        + " reports a policy conflict: remove " + c.policy() + " from it"));
            }
        }
        unreadable.forEach(u -> plan.note(Finding.warning(b.label() + ": " + b.managedDir() + "/" + u)));
    }

    /** {@code DnsOverHttpsMode "off"}: policy names with their JSON values, for findings. */
    static String describe(Map<String, String> want) {
        StringBuilder out = new StringBuilder();
        want.forEach((k, v) -> out.append(out.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(TextNode.valueOf(v)));
        return out.toString();
    }

    /**
     * The other files' values for the policies in {@code want} that differ from it. A file that is
     * not a JSON object is skipped by the browser, so it conflicts with nothing; it is listed in
     * {@code unreadable} because the admin's policies in it are not in force either.
     */
    static List<ChromiumConflict> conflicts(Map<String, String> files, Map<String, String> want,
            List<String> unreadable) {
        List<ChromiumConflict> out = new ArrayList<>();
        files.forEach((name, text) -> {
            if (name.equals(FILE)) {
                return;
            }
            try {
                ObjectNode other = BrowserJson.parseObject(text);
                want.forEach((policy, value) -> {
                    JsonNode theirs = other.get(policy);
                    if (theirs != null && !(theirs.isTextual() && theirs.asText().equals(value))) {
                        out.add(new ChromiumConflict(name, policy, theirs.toString(), name.compareTo(FILE) > 0));
                    }
                });
            } catch (BrowserJson.Invalid e) {
                unreadable.add(name + " " + e.getMessage() + ": the browser ignores every policy in it");
            }
        });
        return out;
    }
}
