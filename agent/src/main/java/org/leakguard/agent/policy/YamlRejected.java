package org.leakguard.agent.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/** The strict parser's refusal, carried through Jackson to the loader. */
final class YamlRejected extends JsonParseException {
    private final String keyPath;
    private final String problem;

    YamlRejected(JsonParser p, JsonLocation at, String keyPath, String problem) {
        super(p, keyPath + ": " + problem, at);
        this.keyPath = keyPath;
        this.problem = problem;
    }

    String keyPath() {
        return keyPath;
    }

    String problem() {
        return problem;
    }
}
