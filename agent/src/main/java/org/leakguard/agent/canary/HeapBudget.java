package org.leakguard.agent.canary;

/**
 * The heap {@code canary serve} needs for its id cap. bin/agent sizes {@code -Xmx} with the same
 * formula (keep the two in step); the server refuses to start in a smaller heap, so the cap is
 * never a promise the memory cannot keep.
 */
public final class HeapBudget {
    /** Worst case per id (63-character id, 32 IPv6 askers, map entry), measured: about 0.8 KiB. */
    static final int BYTES_PER_ID = 1024;
    /** Everything else: buffers, connection threads, the HTTP and DNS code's own objects. */
    static final int BASE_MIB = 48;
    /** Twice the live data, so a collection always finds room and stays short. */
    static final int HEADROOM = 2;

    private HeapBudget() {}

    /** The heap, in MiB, that {@code maxIds} ids need. */
    public static long mebibytes(int maxIds) {
        return BASE_MIB + ((long) maxIds * BYTES_PER_ID * HEADROOM + (1 << 20) - 1) / (1 << 20);
    }
}
