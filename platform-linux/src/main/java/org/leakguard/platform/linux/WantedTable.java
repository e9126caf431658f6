package org.leakguard.platform.linux;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code inet leakguard} table the policy asks for, and its nft text. The text is
 * deterministic (sorted, de-duplicated addresses; fixed order of sets, chains and rules), so the
 * digest of it names exactly one definition.
 *
 * <p>A class rather than a record so the digest is worked out once: a check needs it three times,
 * and SHA-256 runs in the interpreter at start-up.
 */
final class WantedTable {
    static final String FAMILY = "inet";
    static final String NAME = "leakguard";
    static final String QUALIFIED = FAMILY + " " + NAME;

    /** Makes a reload idempotent: creates the table if absent so the delete cannot fail. */
    static final String PROLOGUE = "table " + QUALIFIED + " {}\ndelete table " + QUALIFIED + "\n";

    /** What the table and each set carry as comment: nft 1.0.6 JSON shows set comments, not table ones. */
    static final String DIGEST_PREFIX = "leakguard ";

    private final Map<String, List<InetAddress>> sets;
    private final List<NftChainSpec> chains;
    private final String digest;

    /** @param sets set name to its addresses, in declaration order */
    WantedTable(Map<String, List<InetAddress>> sets, List<NftChainSpec> chains) {
        Map<String, List<InetAddress>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<InetAddress>> e : sets.entrySet()) {
            copy.put(e.getKey(), Addresses.distinctSorted(e.getValue()));
        }
        this.sets = Collections.unmodifiableMap(copy);
        this.chains = List.copyOf(chains);
        this.digest = sha256Hex(render(null), 8);
    }

    Map<String, List<InetAddress>> sets() {
        return sets;
    }

    List<NftChainSpec> chains() {
        return chains;
    }

    /** The first 16 hex digits of SHA-256 over the definition rendered without its digest comments. */
    String digest() {
        return digest;
    }

    /** Two tables are equal when they define the same sets and chains. */
    @Override
    public boolean equals(Object o) {
        return o instanceof WantedTable w && sets.equals(w.sets) && chains.equals(w.chains);
    }

    @Override
    public int hashCode() {
        return sets.hashCode() * 31 + chains.hashCode();
    }

    @Override
    public String toString() {
        return "WantedTable[" + digest + "]";
    }

    /** The first {@code bytes} bytes of SHA-256 over {@code text}, in hex. */
    static String sha256Hex(String text, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    String digestComment() {
        return DIGEST_PREFIX + digest();
    }

    /** The table definition with its digest comments. */
    String definition() {
        return render(digestComment());
    }

    /** What {@code nft -f -} is fed: the prologue, then the definition, in one transaction. */
    String script() {
        return PROLOGUE + definition();
    }

    private String render(String comment) {
        StringBuilder out = new StringBuilder("table " + QUALIFIED + " {\n");
        if (comment != null) {
            out.append("\tcomment \"").append(comment).append("\"\n");
        }
        sets.forEach((name, addresses) -> renderSet(out, name, addresses, comment));
        chains.forEach(c -> renderChain(out, c));
        return out.append("}\n").toString();
    }

    /** A set whose elements carry their own timeout and are added at run time (the portal window), not by the definition. */
    static boolean timed(String set) {
        return set.startsWith("portal");
    }

    /** The flag each set carries: interval for the address lists, timeout for the window's. */
    static String flag(String set) {
        return timed(set) ? "timeout" : "interval";
    }

    private static void renderSet(StringBuilder out, String name, List<InetAddress> addresses, String comment) {
        out.append("\n\tset ").append(name).append(" {\n");
        out.append("\t\ttype ").append(name.endsWith("6") ? "ipv6_addr" : "ipv4_addr").append('\n');
        out.append("\t\tflags ").append(flag(name)).append('\n');
        if (comment != null) {
            out.append("\t\tcomment \"").append(comment).append("\"\n");
        }
        if (!addresses.isEmpty()) {
            out.append("\t\telements = {\n");
            addresses.forEach(a -> out.append("\t\t\t").append(Addresses.text(a)).append(",\n"));
            out.append("\t\t}\n");
        }
        out.append("\t}\n");
    }

    private static void renderChain(StringBuilder out, NftChainSpec c) {
        out.append("\n\tchain ").append(c.name()).append(" {\n");
        out.append("\t\ttype ").append(NftChainSpec.TYPE).append(" hook ").append(c.hook())
                .append(" priority filter; policy ").append(NftChainSpec.POLICY).append(";\n");
        c.rules().forEach(r -> out.append("\t\t").append(r.line()).append('\n'));
        out.append("\t}\n");
    }
}
