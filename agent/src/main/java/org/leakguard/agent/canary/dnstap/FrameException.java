package org.leakguard.agent.canary.dnstap;

/** A writer broke the Frame Streams protocol or sent what is not dnstap: its connection ends. */
final class FrameException extends Exception {
    private static final long serialVersionUID = 1L;

    FrameException(String message) {
        super(message, null, false, false);
    }
}
