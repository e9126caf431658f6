package org.leakguard.agent.host;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * An exception in words an admin reads: its message, or for the ones Java throws without one
 * (an ICMP port unreachable, a timeout) or with only a path (the file errors) what happened.
 * Never a Java class name.
 */
public final class ErrorText {
    private ErrorText() {}

    public static String of(Throwable e) {
        String m = e.getMessage();
        if (e.getCause() != null && e.getCause() != e && (blank(m) || m.equals(e.getCause().toString()))) {
            return of(e.getCause()); // new IOException(cause) takes cause.toString(), a class name, as its message
        }
        if (e instanceof FileSystemException f) {
            return file(f);
        }
        if (e instanceof PortUnreachableException) {
            return "port unreachable (ICMP)" + (blank(m) ? "" : ": " + m);
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
        return "failed without a message (run with -v for the details)";
    }

    /** The JDK's file errors carry only the path as their message. */
    private static String file(FileSystemException f) {
        String what = f instanceof NoSuchFileException ? "no such file or folder"
                : f instanceof AccessDeniedException ? "permission denied"
                : f instanceof FileAlreadyExistsException ? "already exists"
                : f instanceof DirectoryNotEmptyException ? "folder not empty"
                : f instanceof NotDirectoryException ? "not a folder"
                : f.getReason() != null ? f.getReason() : "file system error";
        return f.getFile() == null ? what : what + ": " + f.getFile()
                + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
    }

    private static boolean blank(String m) {
        return m == null || m.isBlank();
    }
}
