package org.leakguard.platform.linux;

/**
 * Another managed policy file that sets one of leakguard's policies to a different value.
 *
 * @param value the other file's value as JSON text
 * @param overrides true when that file sorts after leakguard's, so its value is the one in force
 */
record ChromiumConflict(String file, String policy, String value, boolean overrides) {}
