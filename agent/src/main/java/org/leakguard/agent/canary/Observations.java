package org.leakguard.agent.canary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which source addresses asked for each canary id. Bounded on every axis, so a flood of unique
 * names cannot exhaust memory: at most {@code maxIds} ids (oldest dropped first), at most
 * {@link #MAX_ASKERS} addresses per id, and every id expires {@code ttl} after it was first seen.
 */
final class Observations {
    static final int MAX_ASKERS = 32;

    private final int maxIds;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> byId = new LinkedHashMap<>();

    private record Entry(Instant first, Set<String> askers) {}

    Observations(int maxIds, Duration ttl, Clock clock) {
        this.maxIds = maxIds;
        this.ttl = ttl;
        this.clock = clock;
    }

    synchronized void record(String id, String asker) {
        expire();
        Entry e = byId.get(id);
        if (e == null) {
            if (byId.size() >= maxIds) {
                Iterator<String> oldest = byId.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            e = new Entry(clock.instant(), new LinkedHashSet<>());
            byId.put(id, e);
        }
        if (e.askers().size() < MAX_ASKERS) {
            e.askers().add(asker);
        }
    }

    synchronized Optional<List<String>> askers(String id) {
        expire();
        Entry e = byId.get(id);
        return e == null ? Optional.empty() : Optional.of(new ArrayList<>(e.askers()));
    }

    synchronized int size() {
        return byId.size();
    }

    private void expire() {
        Instant cutoff = clock.instant().minus(ttl);
        Iterator<Map.Entry<String, Entry>> it = byId.entrySet().iterator();
        while (it.hasNext() && it.next().getValue().first().isBefore(cutoff)) {
            it.remove();
        }
    }
}
