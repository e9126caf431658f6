package org.leakguard.agent.policy;

/** Who the policy is: its name appears in reports, journals and firewall comments. */
public record Metadata(String name, String description) {}
