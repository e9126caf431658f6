package org.leakguard.agent.spi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A settings file an admin or a device-management server installs for the policy (an Apple
 * configuration profile), where the OS lets no agent enforce a setting on its own.
 *
 * @param fileName a suggested file name, {@code leakguard-dns.mobileconfig}
 * @param content the file's exact text; the same policy always gives the same bytes
 * @param notes what whoever installs it must know, one line each
 */
public record Profile(String fileName, String content, List<String> notes) {
    public Profile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        notes = List.copyOf(notes);
    }

    public byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
