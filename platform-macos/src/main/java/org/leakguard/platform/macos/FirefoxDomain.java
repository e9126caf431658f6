package org.leakguard.platform.macos;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/**
 * The org.mozilla.firefox domain of every user, {@value FirefoxPolicy#FILE}, through {@code defaults}:
 * cfprefsd caches preference domains and serves its copy to Firefox, so a file written behind its
 * back may not be what Firefox reads, and the file may not be what it serves. Writes and reads both
 * go through it; the domain is named by its absolute path, which {@code defaults} takes for a file
 * outside the user's own preferences.
 */
final class FirefoxDomain {
    static final String DEFAULTS = "/usr/bin/defaults";
    /** The domain as {@code defaults} names it: the file's path without ".plist". */
    static final String PATH = "/Library/Preferences/" + FirefoxPolicy.DOMAIN;
    static final List<String> EXPORT = List.of(DEFAULTS, "export", PATH, "-");

    private FirefoxDomain() {}

    /** {@code defaults write PATH KEY VALUE}: VALUE is one XML plist value, typed, so a dictionary stays one. */
    static List<String> write(String key, String xmlValue) {
        return List.of(DEFAULTS, "write", PATH, key, xmlValue);
    }

    static List<String> delete(String key) {
        return List.of(DEFAULTS, "delete", PATH, key);
    }

    /** Deletes the whole domain, which removes its file. */
    static List<String> deleteAll() {
        return List.of(DEFAULTS, "delete", PATH);
    }

    /**
     * What cfprefsd serves for the domain ({@code defaults export PATH -}); null when it has no key.
     * Without the file, an export that fails means no domain; with it, the failure is an error.
     */
    static Map<String, Object> read(Host host) throws IOException {
        boolean file = host.files().exists(FirefoxPolicy.FILE);
        CommandResult r = host.commands().run(new Command(EXPORT, null, null));
        if (!r.ok()) {
            if (!file) {
                return null;
            }
            throw new IOException(String.join(" ", EXPORT) + " exited " + r.exitCode() + ": "
                    + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip());
        }
        Map<String, Object> keys = PlistReader.dictionary(r.stdout());
        return keys.isEmpty() ? null : keys;
    }
}
