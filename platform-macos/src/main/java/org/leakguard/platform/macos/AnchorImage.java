package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.leakguard.agent.change.PlatformImage;

/**
 * The anchor before a load: the rules pfctl printed for it, and the ruleset leakguard had kept
 * for boot (null when none), which is what undo loads back.
 */
@JsonTypeName("macos-pf-anchor-image")
record AnchorImage(String printedRules, String persisted) implements PlatformImage {}
