package org.leakguard.agent.policy;

/** A policy as loaded from a file, with the file's sha256 for reports and journals. */
public record LoadedPolicy(String file, String sha256, Policy policy) {}
