package org.leakguard.agent.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Optional;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Preview;

/**
 * A change as reports show it. A plan adds what the target will hold ({@code after}: a file's
 * content, the ruleset loaded, a value) and how that differs from now ({@code diff}); both are
 * absent from the JSON where there is nothing to show.
 */
@JsonPropertyOrder({"kind", "target", "summary", "after", "diff"})
public record ChangeReport(String kind, String target, String summary,
        @JsonInclude(JsonInclude.Include.NON_NULL) String after, @JsonInclude(JsonInclude.Include.NON_NULL) String diff) {

    public ChangeReport(String kind, String target, String summary) {
        this(kind, target, summary, null, null);
    }

    public static ChangeReport of(Change change) {
        return of(change, Optional.empty());
    }

    /** With the change's preview, as {@code agent plan} shows it. */
    public static ChangeReport of(Change change, Optional<Preview> preview) {
        return new ChangeReport(kind(change), change.target(), change.summary(),
                preview.map(Preview::after).orElse(null), preview.map(p -> p.render(change.target())).orElse(null));
    }

    private static String kind(Change change) {
        return kebab(change.getClass().getSimpleName());
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
