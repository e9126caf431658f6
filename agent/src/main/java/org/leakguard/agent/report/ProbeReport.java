package org.leakguard.agent.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One leak probe: what was tried, what should have happened, what did. Null {@code passed} = unknown. */
@JsonPropertyOrder({"kind", "target", "expected", "observed", "passed", "ms"})
public record ProbeReport(String kind, String target, String expected, String observed, Boolean passed, long ms) {}
