package org.leakguard.agent.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The built-in list of public DNS-over-HTTPS resolver addresses ({@code public-doh.txt}). */
public final class PublicDoh {
    private static final String RESOURCE = "public-doh.txt";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final List<InetAddress> ADDRESSES = load();

    private PublicDoh() {}

    /** Every address on the list, in file order. */
    public static List<InetAddress> addresses() {
        return ADDRESSES;
    }

    private static List<InetAddress> load() {
        try (InputStream in = PublicDoh.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " next to " + PublicDoh.class.getName());
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<InetAddress> parse(List<String> lines) {
        List<InetAddress> out = new ArrayList<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!text.isEmpty()) {
                out.add(literal(text));
            }
        }
        return List.copyOf(out);
    }

    /** Parses an IP literal; the pattern check first means no name is ever looked up. */
    private static InetAddress literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            throw new IllegalStateException(RESOURCE + ": not an IP literal: " + text);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(RESOURCE + ": not an IP literal: " + text, e);
        }
    }
}
