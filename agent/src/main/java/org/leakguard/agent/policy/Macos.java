package org.leakguard.agent.policy;

/**
 * Choices only macOS has. Other platforms ignore the section.
 *
 * @param privateRelay {@code disable}: the exported configuration profile carries the restriction
 *     {@code allowCloudPrivateRelay: false} (macOS 12+), since iCloud Private Relay sends Safari's
 *     lookups around every resolver setting; {@code keep} or absent: left to the user
 */
public record Macos(Toggle privateRelay) {}
