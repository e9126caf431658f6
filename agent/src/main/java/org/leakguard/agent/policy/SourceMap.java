package org.leakguard.agent.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and value of the document starts, by key path. Records carry no
 * locations, so errors found after binding (a record constructor's refusal) are placed by
 * looking up their key path here.
 */
final class SourceMap {
    /** 1-based, as editors count. */
    record Position(int line, int column) {
        static final Position START = new Position(1, 1);
    }

    private final Map<String, Position> keys = new HashMap<>();
    private final Map<String, Position> values = new HashMap<>();

    /** Records a key; returns where the same key path was first seen, or null. */
    Position addKey(String path, Position at) {
        return keys.putIfAbsent(path, at);
    }

    void addValue(String path, Position at) {
        values.putIfAbsent(path, at);
    }

    /** The value at the path, else its key, else the nearest enclosing key that exists. */
    Position value(String path) {
        Position p = values.get(path);
        return p != null ? p : key(path);
    }

    /** The key at the path, else the nearest enclosing key or value that exists. */
    Position key(String path) {
        for (String at = path; ; at = KeyPath.parent(at)) {
            Position p = keys.get(at);
            if (p == null) {
                p = values.get(at);
            }
            if (p != null) {
                return p;
            }
            if (at.isEmpty()) {
                return Position.START;
            }
        }
    }
}
