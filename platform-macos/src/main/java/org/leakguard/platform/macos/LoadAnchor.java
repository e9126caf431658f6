package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.change.Preview;
import org.leakguard.agent.host.Host;

/**
 * Replaces the rules and tables of leakguard's anchor in one {@code pfctl -a ANCHOR -f -}
 * (an empty ruleset flushes them). The before-image is what pf held in the anchor, read with
 * {@code pfctl -a ANCHOR -sr} and its tables; undo loads exactly that back, or flushes the anchor
 * when it did not exist.
 */
@JsonTypeName("macos-pf-anchor")
record LoadAnchor(String ruleset, String why) implements PlatformChange {

    @Override
    public String target() {
        return "pf anchor " + PfRuleset.ANCHOR;
    }

    @Override
    public String summary() {
        return (ruleset.isEmpty() ? "flush" : "load") + " pf anchor " + PfRuleset.ANCHOR + ": " + why;
    }

    /** The complete anchor text pfctl loads; what the anchor holds now decides whether it replaces rules. */
    @Override
    public java.util.Optional<Preview> preview(Host host) {
        String after = ruleset.isEmpty() ? null : ruleset;
        try {
            AnchorImage now = (AnchorImage) capture(host);
            return java.util.Optional.of(new Preview(Preview.Form.RULESET, now.absent() ? null : now.ruleset(), after, null));
        } catch (IOException e) {
            return java.util.Optional.of(Preview.unread(Preview.Form.RULESET, after, e.getMessage()));
        }
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        return new AnchorImage(PfOutput.rules(PfObserve.anchorRules(host)), PfObserve.tables(host));
    }

    @Override
    public void apply(Host host) throws IOException {
        load(host, ruleset);
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        AnchorImage old = (AnchorImage) before;
        load(host, old.absent() ? "" : old.ruleset());
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
