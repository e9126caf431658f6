package org.leakguard.platform.macos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/** Running macOS tools (networksetup, pfctl, scutil, profiles): argv only; a failure carries what the tool said. */
final class Tools {
    static final String NETWORKSETUP = "networksetup";

    private Tools() {}

    /** The standard output of a command that must succeed. */
    static String stdout(Host host, List<String> argv) throws IOException {
        return check(host, argv, null).stdout();
    }

    static CommandResult check(Host host, List<String> argv, String input) throws IOException {
        CommandResult r = host.commands().run(new Command(argv, input, null));
        // networksetup reports some errors with exit 0 and a "** Error" line.
        if (!r.ok() || r.stdout().startsWith("** Error")) {
            throw new IOException(String.join(" ", argv) + " exited " + r.exitCode() + ": "
                    + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip());
        }
        return r;
    }

    static List<String> argv(String option, String service, List<String> values) {
        List<String> out = new ArrayList<>(List.of(NETWORKSETUP, option, ServiceName.check(service)));
        out.addAll(values);
        return List.copyOf(out);
    }

    /** The first group of every line that matches {@code line} whole, in order. */
    static List<String> captures(String text, Pattern line) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\r?\n")) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                out.add(m.group(1));
            }
        }
        return List.copyOf(out);
    }

    /** The first {@code bytes} bytes of SHA-256 over the text, in hex: names a generated file's content. */
    static String digest(String text, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
