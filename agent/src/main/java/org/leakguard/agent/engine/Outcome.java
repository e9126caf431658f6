package org.leakguard.agent.engine;

import org.leakguard.agent.spi.Assessment;

/** A control's id and what planning it found. */
public record Outcome(String id, Assessment assessment) {}
