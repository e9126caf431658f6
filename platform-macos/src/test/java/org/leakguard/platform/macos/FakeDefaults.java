package org.leakguard.platform.macos;

import com.dd.plist.BinaryPropertyListWriter;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.BrowserDoh;

/**
 * {@code /usr/bin/defaults} on {@value FirefoxDomain#PATH}, with cfprefsd's cache in between: the
 * domain is read from the file once, on first use, and then served from memory, so a file changed
 * behind its back is not what {@code export} (and Firefox) sees; {@code write} and {@code delete}
 * change the cached domain and rewrite the file as a binary plist, as cfprefsd does. Follows
 * defaults(1); no capture of its failures exists (the test resources' README says so), and
 * RealMacTest runs the real one.
 */
final class FakeDefaults {
    static final String NO_DOMAIN = "Domain " + FirefoxDomain.PATH + " does not exist\n";

    private final ScriptedCommands commands;
    private final Path file;
    private NSDictionary cache;

    FakeDefaults(ScriptedCommands commands, Path root) {
        this.commands = commands;
        this.file = root.resolve(FirefoxPolicy.FILE.substring(1));
        commands.on(FirefoxDomain.EXPORT, c -> {
            NSDictionary d = domain();
            return d == null ? new CommandResult(1, "", NO_DOMAIN) : new CommandResult(0, d.toXMLPropertyList(), "");
        });
        for (String key : List.of(FirefoxPolicy.ENABLED, FirefoxPolicy.KEY)) {
            commands.on(FirefoxDomain.delete(key), c -> {
                if (domain() == null || !cache.containsKey(key)) {
                    return new CommandResult(1, "", NO_DOMAIN);
                }
                cache.remove(key);
                save();
                return new CommandResult(0, "", "");
            });
        }
        commands.on(FirefoxDomain.deleteAll(), c -> {
            if (domain() == null) {
                return new CommandResult(1, "", NO_DOMAIN);
            }
            cache = null;
            Files.deleteIfExists(file);
            return new CommandResult(0, "", "");
        });
    }

    /** Accepts {@code defaults write} of each key the policy wants. */
    FakeDefaults acceptsPolicy(BrowserDoh doh, String template) {
        FirefoxPolicy.keys(doh, template).forEach(this::accepts);
        return this;
    }

    /** Accepts {@code defaults write PATH key VALUE}, VALUE being {@code value} in XML. */
    FakeDefaults accepts(String key, Object value) {
        String xml = Plist.fragment(value);
        commands.on(FirefoxDomain.write(key, xml), c -> {
            if (domain() == null) {
                cache = new NSDictionary();
            }
            cache.put(key, parse(xml));
            save();
            return new CommandResult(0, "", "");
        });
        return this;
    }

    /** What cfprefsd serves now; null for no domain. Loads the file on first use only. */
    NSDictionary domain() throws IOException {
        if (cache == null && Files.exists(file)) {
            try {
                cache = (NSDictionary) PropertyListParser.parse(Files.readAllBytes(file));
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        return cache;
    }

    private void save() throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, BinaryPropertyListWriter.writeToArray(cache));
    }

    private static NSObject parse(String xmlValue) throws IOException {
        String doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">" + xmlValue + "</plist>";
        try {
            return PropertyListParser.parse(doc.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
