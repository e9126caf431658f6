package org.leakguard.agent.change;

/**
 * How a change's target looks now and how apply leaves it, for {@code agent plan}: a file's
 * content, the complete ruleset a firewall loads, a value. Computed by reading only.
 *
 * @param form how the two are shown
 * @param before the current content or value; null when there is none (or see {@code unread})
 * @param after what apply gives the target; null when apply removes it
 * @param unread why the current state could not be read, else null
 */
public record Preview(Form form, String before, String after, String unread) {

    /** How a preview is shown. */
    public enum Form {
        /** A file: a unified diff. */
        FILE,
        /** A ruleset loaded as a whole: its complete text. */
        RULESET,
        /** A single value (sysctl, registry): before -> after. */
        VALUE,
        /** Rules shown as a table, one rule a line: a unified diff of the rows. */
        TABLE
    }

    public static Preview unread(Form form, String after, String why) {
        return new Preview(form, null, after, why);
    }

    /** The text shown under the change's summary: a diff, a ruleset, or before -> after. */
    public String render(String target) {
        StringBuilder s = new StringBuilder();
        if (unread != null) {
            s.append("current state unknown (").append(unread).append("); after apply:\n");
        }
        switch (form) {
            case VALUE:
                return s.append(unread != null ? "" : shown(before) + " -> ").append(shown(after)).toString().strip();
            case RULESET:
                if (unread == null) {
                    s.append(before == null ? "not loaded now; loads:\n" : "replaces what is loaded now with:\n");
                }
                return s.append(after == null ? "(removed)\n" : after).toString();
            default:
                if (unread != null) {
                    return s.append(after == null ? "(removed)\n" : after).toString();
                }
                return UnifiedDiff.of(target, before, after);
        }
    }

    private static String shown(String value) {
        return value == null ? "(absent)" : value;
    }
}
