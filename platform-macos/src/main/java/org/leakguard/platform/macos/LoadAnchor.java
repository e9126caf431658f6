package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.change.Preview;
import org.leakguard.agent.host.Host;

/**
 * Replaces the rules and tables of leakguard's anchor in one {@code pfctl -a ANCHOR -f -}
 * (an empty ruleset flushes them). Undo loads back the ruleset kept for boot at {@code persisted},
 * read before this change ran, or flushes the anchor when there was none. Plan it before the
 * write of that file, so its before-image holds the old file.
 */
@JsonTypeName("macos-pf-anchor")
record LoadAnchor(String ruleset, String persisted, String why) implements PlatformChange {

    @Override
    public String target() {
        return "pf anchor " + PfRuleset.ANCHOR;
    }

    @Override
    public String summary() {
        return (ruleset.isEmpty() ? "flush" : "load") + " pf anchor " + PfRuleset.ANCHOR + ": " + why;
    }

    /** The complete anchor text pfctl loads; the rules printed now decide whether it replaces any. */
    @Override
    public java.util.Optional<Preview> preview(Host host) {
        String after = ruleset.isEmpty() ? null : ruleset;
        try {
            String now = printed(host);
            return java.util.Optional.of(new Preview(Preview.Form.RULESET, now.isEmpty() ? null : now, after, null));
        } catch (IOException e) {
            return java.util.Optional.of(Preview.unread(Preview.Form.RULESET, after, e.getMessage()));
        }
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        return new AnchorImage(printed(host), host.files().readString(persisted).orElse(null));
    }

    @Override
    public void apply(Host host) throws IOException {
        load(host, ruleset);
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        String old = ((AnchorImage) before).persisted();
        load(host, old == null ? "" : old);
    }

    /** Back when pfctl prints the same rules as before; the boot file is another change's. */
    @Override
    public boolean isAt(Host host, BeforeImage before) throws IOException {
        return printed(host).equals(((AnchorImage) before).printedRules());
    }

    private static String printed(Host host) throws IOException {
        return String.join("\n", PfOutput.rules(Tools.stdout(host, Pfctl.ANCHOR_RULES)));
    }

    private static void load(Host host, String text) throws IOException {
        if (text.isEmpty()) {
            Tools.check(host, Pfctl.FLUSH_RULES, null);
            Tools.check(host, Pfctl.FLUSH_TABLES, null);
        } else {
            Tools.check(host, Pfctl.LOAD, text);
        }
    }
}
