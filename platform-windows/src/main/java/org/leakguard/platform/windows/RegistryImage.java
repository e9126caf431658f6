package org.leakguard.platform.windows;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import org.leakguard.agent.change.PlatformImage;

/**
 * A key's values before a {@link RegistryWrite}: each with its type, or null when absent.
 *
 * @param createdFrom the highest key on the path that did not exist (deleted again on undo when
 *     empty), or null when the key existed
 */
@JsonTypeName("windows-registry-image")
record RegistryImage(String createdFrom, List<RegEntry> entries) implements PlatformImage {
    RegistryImage {
        entries = List.copyOf(entries);
    }
}
