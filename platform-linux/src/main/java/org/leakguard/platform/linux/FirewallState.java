package org.leakguard.platform.linux;

/**
 * What the firewall control read.
 *
 * @param table the parsed table when {@code kind} is PRESENT, else null
 * @param detail why the state is not known (NO_NFT, FAILED), else null
 */
record FirewallState(Kind kind, NftTable table, String detail) {

    enum Kind {
        NO_NFT,
        FAILED,
        ABSENT,
        PRESENT
    }

    static FirewallState of(Kind kind) {
        return new FirewallState(kind, null, null);
    }
}
