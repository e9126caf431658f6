package org.leakguard.agent.engine;

/** No installed platform serves this operating system. */
public final class UnsupportedHostException extends Exception {
    public UnsupportedHostException(String message) {
        super(message);
    }
}
