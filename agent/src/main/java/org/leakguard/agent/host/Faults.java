package org.leakguard.agent.host;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A failure in words a person can act on. The JDK's file errors carry only the path as their
 * message, and some errors none at all; neither a bare path nor a class name says what happened.
 */
public final class Faults {
    private Faults() {}

    public static String describe(Throwable e) {
        if (e instanceof FileSystemException f) {
            String what = f instanceof NoSuchFileException ? "no such file or folder"
                    : f instanceof AccessDeniedException ? "permission denied"
                    : f instanceof FileAlreadyExistsException ? "already exists"
                    : f instanceof DirectoryNotEmptyException ? "folder not empty"
                    : f instanceof NotDirectoryException ? "not a folder"
                    : f.getReason() != null ? f.getReason() : "file system error";
            return f.getFile() == null ? what : what + ": " + f.getFile()
                    + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "an unexpected internal error (run with -v for the details)" : m;
    }
}
