package org.leakguard.agent.canary;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which source addresses asked for each canary id. Bounded on every axis, so a flood of unique
 * names cannot exhaust memory: at most {@code maxIds} ids (oldest dropped first), at most
 * {@link #MAX_ASKERS} addresses per id, and every id expires {@code ttl} after it was first seen.
 * Addresses are kept packed (a length byte, then 4 or 16 bytes) in one array per id, so the worst
 * case per id stays under {@link HeapBudget#BYTES_PER_ID}.
 */
final class Observations {
    static final int MAX_ASKERS = 32;
    static final int MAX_ID_LENGTH = 63;

    private final int maxIds;
    private final long ttlMillis;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> byId = new LinkedHashMap<>();

    private static final class Entry {
        final long first;
        byte[] askers = new byte[0];

        Entry(long first) {
            this.first = first;
        }
    }

    Observations(int maxIds, Duration ttl, Clock clock) {
        this.maxIds = maxIds;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    /** Records that {@code asker} asked for {@code id} (a DNS label, at most 63 characters). */
    synchronized void record(String id, InetAddress asker) {
        expire();
        Entry e = byId.get(id);
        if (e == null) {
            if (byId.size() >= maxIds) {
                Iterator<String> oldest = byId.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            e = new Entry(clock.millis());
            byId.put(id, e);
        }
        byte[] address = asker.getAddress();
        if (!contains(e.askers, address) && count(e.askers) < MAX_ASKERS) {
            byte[] grown = Arrays.copyOf(e.askers, e.askers.length + 1 + address.length);
            grown[e.askers.length] = (byte) address.length;
            System.arraycopy(address, 0, grown, e.askers.length + 1, address.length);
            e.askers = grown;
        }
    }

    synchronized Optional<List<String>> askers(String id) {
        expire();
        Entry e = byId.get(id);
        return e == null ? Optional.empty() : Optional.of(unpack(e.askers));
    }

    synchronized int size() {
        return byId.size();
    }

    private void expire() {
        long cutoff = clock.millis() - ttlMillis;
        Iterator<Map.Entry<String, Entry>> it = byId.entrySet().iterator();
        while (it.hasNext() && it.next().getValue().first < cutoff) {
            it.remove();
        }
    }

    private static boolean contains(byte[] packed, byte[] address) {
        for (int i = 0; i < packed.length; i += 1 + packed[i]) {
            if (packed[i] == address.length
                    && Arrays.equals(packed, i + 1, i + 1 + address.length, address, 0, address.length)) {
                return true;
            }
        }
        return false;
    }

    private static int count(byte[] packed) {
        int n = 0;
        for (int i = 0; i < packed.length; i += 1 + packed[i]) {
            n++;
        }
        return n;
    }

    private static List<String> unpack(byte[] packed) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < packed.length; i += 1 + packed[i]) {
            try {
                out.add(InetAddress.getByAddress(Arrays.copyOfRange(packed, i + 1, i + 1 + packed[i])).getHostAddress());
            } catch (UnknownHostException e) {
                throw new IllegalStateException("a packed address of " + packed[i] + " bytes", e);
            }
        }
        return out;
    }
}
