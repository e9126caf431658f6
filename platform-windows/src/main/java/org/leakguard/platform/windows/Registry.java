package org.leakguard.platform.windows;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The machine's registry (HKLM only), the port the Windows controls and changes read and write
 * through. Keys are written in full: {@code HKLM\SOFTWARE\Policies\...}. On Windows it is
 * {@code JnaRegistry}; tests use an in-memory one.
 */
public interface Registry {

    boolean keyExists(String key) throws IOException;

    /** The value, or empty when the key or the value is absent. A type leakguard does not restore is an error. */
    Optional<RegValue> value(String key, String name) throws IOException;

    /** The names of the key's subkeys, sorted; empty when the key is absent. */
    List<String> subkeys(String key) throws IOException;

    /** Writes the value, creating the key and any missing parent. */
    void set(String key, String name, RegValue value) throws IOException;

    /** Deletes the value; nothing happens when it or its key is absent. */
    void delete(String key, String name) throws IOException;

    /** Deletes the key if it holds no value and no subkey. True when the key is absent afterwards. */
    boolean deleteIfEmpty(String key) throws IOException;

    /** When the key was last written, or empty when it is absent. */
    Optional<Instant> lastWritten(String key) throws IOException;

    /** The parent of a full key path, or null for a root such as {@code HKLM}. */
    static String parent(String key) {
        int slash = key.lastIndexOf('\\');
        return slash < 0 ? null : key.substring(0, slash);
    }
}
