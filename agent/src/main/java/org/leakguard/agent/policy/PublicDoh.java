package org.leakguard.agent.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Address;

/** The built-in list of public DNS-over-HTTPS resolver addresses ({@code public-doh.txt}). */
public final class PublicDoh {
    private static final String RESOURCE = "public-doh.txt";
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
            return parse(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
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

    /**
     * Parses an IP literal without ever looking a name up. dnsjava's parser rather than regular
     * expressions and {@code InetAddress.getByName}: this list is read on every check that blocks
     * public DoH, and the expressions alone cost more than the rest of the list.
     */
    private static InetAddress literal(String text) {
        byte[] bytes = Address.toByteArray(text, Address.IPv4);
        if (bytes == null) {
            bytes = Address.toByteArray(text, Address.IPv6);
        }
        if (bytes == null) {
            throw new IllegalStateException(RESOURCE + ": not an IP literal: " + text);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(RESOURCE + ": not an IP literal: " + text, e);
        }
    }
}
