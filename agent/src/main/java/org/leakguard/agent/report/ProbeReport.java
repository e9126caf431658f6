package org.leakguard.agent.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One leak probe: what was tried, what should have happened, what did. Null {@code passed} =
 * unknown. Probes that follow one name (the canaries, a route's probe name) add {@code routing}:
 * where that name may go and where it went.
 */
@JsonPropertyOrder({"kind", "target", "expected", "observed", "passed", "ms", "routing"})
public record ProbeReport(String kind, String target, String expected, String observed, Boolean passed, long ms,
        @JsonInclude(JsonInclude.Include.NON_NULL) NameRouting routing) {

    public ProbeReport(String kind, String target, String expected, String observed, Boolean passed, long ms) {
        this(kind, target, expected, observed, passed, ms, null);
    }
}
