package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;

/**
 * Writes Firefox's policy keys into {@value FirefoxPolicy#FILE} with {@code defaults write}, so
 * cfprefsd, which serves the domain to Firefox, holds them at once; every other key stays as it is.
 * Undo writes each key's earlier value back (or deletes it), and deletes the domain when there was
 * no file before.
 *
 * @param values key to XML plist value, as {@link FirefoxPolicy#differing} gives them
 */
@JsonTypeName("macos-firefox-write-defaults")
record WriteFirefoxDefaults(Map<String, String> values, String why) implements PlatformChange {
    WriteFirefoxDefaults {
        values = Map.copyOf(values);
    }

    @Override
    public String target() {
        return FirefoxPolicy.FILE;
    }

    @Override
    public String summary() {
        return "defaults write " + FirefoxDomain.PATH + " " + String.join(", ", new TreeSet<>(values.keySet())) + ": " + why;
    }

    @Override
    public FirefoxDefaultsImage capture(Host host) throws IOException {
        Map<String, Object> now = FirefoxDomain.read(host);
        Map<String, String> previous = new HashMap<>();
        for (String key : values.keySet()) {
            if (now != null && now.containsKey(key)) {
                previous.put(key, Plist.fragment(now.get(key)));
            }
        }
        return new FirefoxDefaultsImage(host.files().capture(FirefoxPolicy.FILE), previous);
    }

    @Override
    public void apply(Host host) throws IOException {
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            Tools.check(host, FirefoxDomain.write(e.getKey(), e.getValue()), null);
        }
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        FirefoxDefaultsImage image = (FirefoxDefaultsImage) before;
        Map<String, Object> now = FirefoxDomain.read(host);
        if (!image.file().exists()) {
            if (now != null || host.files().exists(FirefoxPolicy.FILE)) {
                Tools.check(host, FirefoxDomain.deleteAll(), null);
            }
            return;
        }
        for (String key : new TreeSet<>(values.keySet())) {
            String was = image.previous().get(key);
            if (was != null) {
                Tools.check(host, FirefoxDomain.write(key, was), null);
            } else if (now != null && now.containsKey(key)) {
                Tools.check(host, FirefoxDomain.delete(key), null);
            }
        }
    }
}
