package org.leakguard.agent.policy;

/**
 * A refused value and its key path, which the loader looks up to point at the line. Thrown
 * by {@link PolicyRules} with full paths, and by a record constructor with a path relative
 * to that record, which the loader prefixes with the path Jackson was binding.
 */
final class InvalidSetting extends IllegalArgumentException {
    private final String key;
    private final String problem;

    InvalidSetting(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    String key() {
        return key;
    }

    String problem() {
        return problem;
    }
}
