package org.leakguard.agent.report;

import org.leakguard.agent.change.Change;

/** A change as reports show it. */
public record ChangeReport(String kind, String target, String summary) {

    public static ChangeReport of(Change change) {
        return new ChangeReport(kebab(change.getClass().getSimpleName()), change.target(), change.summary());
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
