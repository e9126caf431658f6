package org.leakguard.agent.policy;

/** A policy enum: lets error messages list the words a setting accepts, in file order. */
interface YamlWord {
    String yaml();
}
