package org.leakguard.agent.host;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * An exception in words an admin reads: its message, or for the ones Java throws without one
 * (an ICMP port unreachable, a timeout) what happened. Never a Java class name.
 */
public final class ErrorText {
    private ErrorText() {}

    public static String of(Throwable e) {
        String m = e.getMessage();
        if (e.getCause() != null && e.getCause() != e && (blank(m) || m.equals(e.getCause().toString()))) {
            return of(e.getCause()); // new IOException(cause) takes cause.toString(), a class name, as its message
        }
        if (e instanceof PortUnreachableException) {
            return "port unreachable (ICMP)" + (blank(m) ? "" : ": " + m);
        }
        if (e instanceof NoSuchFileException) {
            return "no such file: " + m;
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + m;
        }
        if (!blank(m)) {
            return m;
        }
        if (e instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        return "failed without a message";
    }

    private static boolean blank(String m) {
        return m == null || m.isBlank();
    }
}
