package org.leakguard.agent.canary;

/** Bytes that are not a query this authority answers; {@link #reply} is what to send, or null. */
final class BadPacket extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient byte[] reply;

    BadPacket(String why, byte[] reply) {
        super(why, null, false, false);
        this.reply = reply;
    }

    byte[] reply() {
        return reply;
    }
}
