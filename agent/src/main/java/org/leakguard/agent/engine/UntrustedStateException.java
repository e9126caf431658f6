package org.leakguard.agent.engine;

import java.io.IOException;

/** The state folder, a journal or the lock could have been written by someone else: nothing is read from it. */
public final class UntrustedStateException extends IOException {
    private static final long serialVersionUID = 1L;

    public UntrustedStateException(String message) {
        super(message);
    }
}
