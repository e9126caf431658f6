package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.leakguard.agent.change.PlatformImage;
import org.leakguard.agent.host.FileImage;

/**
 * The Firefox domain before a {@link WriteFirefoxDefaults}: the file's bytes as they were (the
 * durable record), and the values cfprefsd served for the keys the change writes, which its undo
 * writes back through {@code defaults}. Two images are equal when both had the file or both had
 * not, and the keys had the same values: cfprefsd rewrites the file in its own format (binary), so
 * the bytes after an exact undo are not the bytes before.
 *
 * @param previous each written key's value before, as an XML plist value; a key absent before is absent here
 */
@JsonTypeName("macos-firefox-defaults")
record FirefoxDefaultsImage(FileImage file, Map<String, String> previous) implements PlatformImage {
    FirefoxDefaultsImage {
        Objects.requireNonNull(file, "file");
        previous = Map.copyOf(new TreeMap<>(previous));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FirefoxDefaultsImage other && file.exists() == other.file.exists() && previous.equals(other.previous);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file.exists(), previous);
    }
}
