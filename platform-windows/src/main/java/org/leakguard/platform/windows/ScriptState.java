package org.leakguard.platform.windows;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Objects;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.change.Preview;
import org.leakguard.agent.host.Host;

/**
 * Replaces a subsystem's state (leakguard's NRPT rule, its firewall group, an adapter's IPv6
 * binding, a DoH entry) through PowerShell. Undo puts back what was read when the state existed
 * before, and removes it when it did not.
 *
 * @param subject JSON: which state ({@code {"group":"leakguard"}})
 * @param content JSON: the state wanted, in the form the read script prints
 */
@JsonTypeName("windows-script-state")
record ScriptState(ScriptKind kind, String target, String subject, String content, String why) implements PlatformChange {

    ScriptState {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public String summary() {
        return "replace " + target + " with " + content + ": " + why;
    }

    /** A firewall rule as a row of a table of rules; other states as their JSON, before -> after. */
    @Override
    public java.util.Optional<Preview> preview(Host host) {
        boolean table = kind == ScriptKind.FIREWALL_RULE;
        String after = table ? FirewallTable.render(FirewallRule.parse(parse(content))) : content;
        Preview.Form form = table ? Preview.Form.TABLE : Preview.Form.VALUE;
        try {
            ScriptImage now = read(host);
            String before = !now.existed() ? null : table ? FirewallTable.render(FirewallRule.parse(parse(now.state()))) : now.state();
            return java.util.Optional.of(new Preview(form, before, after, null));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.of(Preview.unread(form, after, e.getMessage()));
        }
    }

    private static JsonNode parse(String json) {
        try {
            return PowerShell.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        Ports.requireElevated(host);
        return read(host);
    }

    ScriptImage read(Host host) throws IOException {
        JsonNode state = PowerShell.parse(PowerShell.run(host, kind.read(), input(null)));
        return new ScriptImage(state.isMissingNode() || state.isNull() ? null : PowerShell.JSON.writeValueAsString(state));
    }

    @Override
    public void apply(Host host) throws IOException {
        PowerShell.run(host, kind.replace(), input(content));
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        ScriptImage old = (ScriptImage) before;
        // Replaced in place when it existed: never removed first, which would leave a gap.
        if (old.existed()) {
            PowerShell.run(host, kind.replace(), input(old.state()));
        } else if (kind.remove() != null) {
            PowerShell.run(host, kind.remove(), input(null));
        }
    }

    /** Compared as JSON trees: field order and spacing in what PowerShell prints do not matter. */
    @Override
    public boolean isAt(Host host, BeforeImage before) throws IOException {
        ScriptImage now = read(host);
        ScriptImage old = (ScriptImage) before;
        if (now.existed() != old.existed()) {
            return false;
        }
        return !now.existed() || PowerShell.JSON.readTree(now.state()).equals(PowerShell.JSON.readTree(old.state()));
    }

    private JsonNode input(String state) throws IOException {
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.set("subject", PowerShell.JSON.readTree(subject));
        in.set("state", state == null ? null : PowerShell.JSON.readTree(state));
        return in;
    }
}
