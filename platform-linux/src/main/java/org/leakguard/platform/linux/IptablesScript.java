package org.leakguard.platform.linux;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The iptables fallback: the wanted rules as {@code LEAKGUARD-OUT} and {@code LEAKGUARD-FWD}
 * chains, and the iptables-restore scripts that move between two states of them in one commit.
 * Without ipset every set element is a rule of its own. Allowed traffic RETURNs rather than
 * ACCEPTs: an ACCEPT in a jumped-to chain would end the whole OUTPUT chain, skipping the host's
 * own rules after the jump.
 */
final class IptablesScript {
    static final String DIGEST_PREFIX = "leakguard ";

    private IptablesScript() {}

    /** The chains wanted in one family, each opened by a rule that carries the digest of both. */
    static IptablesChains chains(FirewallWanted want, IptablesFamily family) {
        Map<String, List<String>> body = new LinkedHashMap<>();
        body.put(IptablesChains.OUT, lines(want.output(), want.sets(), family));
        body.put(IptablesChains.FWD, lines(want.forward(), want.sets(), family));
        String digest = digest(body);
        Map<String, List<String>> rules = new LinkedHashMap<>();
        body.forEach((chain, lines) -> {
            List<String> all = new ArrayList<>();
            all.add("-m comment --comment \"" + DIGEST_PREFIX + digest + "\"");
            all.addAll(lines);
            rules.put(chain, all);
        });
        return new IptablesChains(rules, Map.of(IptablesChains.OUT, 1, IptablesChains.FWD, 1), List.of());
    }

    /**
     * One commit from {@code from} to {@code to}: declaring a chain creates or empties it, the old
     * jumps are deleted by count, the new rules and jumps added, and chains no longer wanted deleted.
     */
    static String transition(IptablesChains from, IptablesChains to) {
        Set<String> chains = new LinkedHashSet<>(from.rules().keySet());
        chains.addAll(to.rules().keySet());
        StringBuilder out = new StringBuilder("*filter\n");
        chains.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
        chains.forEach(c -> repeat(out, "-D " + IptablesChains.HOOKS.get(c) + " -j " + c, from.jumps(c)));
        to.rules().forEach((c, rules) -> rules.forEach(r -> out.append("-A ").append(c).append(' ').append(r).append('\n')));
        // Inserted first so that no ACCEPT of the host's own rules lets DNS past leakguard.
        chains.forEach(c -> repeat(out, "-I " + IptablesChains.HOOKS.get(c) + " 1 -j " + c, to.jumps(c)));
        chains.stream().filter(c -> !to.rules().containsKey(c)).forEach(c -> out.append("-X ").append(c).append('\n'));
        return out.append("COMMIT\n").toString();
    }

    private static void repeat(StringBuilder out, String line, int times) {
        for (int i = 0; i < times; i++) {
            out.append(line).append('\n');
        }
    }

    /** Rules as iptables-save prints them, so a listing reads like the script that loaded it. */
    private static List<String> lines(List<FirewallRule> rules, Map<String, List<InetAddress>> sets, IptablesFamily f) {
        List<String> out = new ArrayList<>();
        for (FirewallRule r : rules) {
            if (r.isLoopback()) {
                out.add("-o lo -m comment --comment \"lg:" + r.id() + "\" -j RETURN");
            } else if (r.set() == null) {
                out.addAll(ports(r, r.owner() == null ? "" : r.owner().iptables() + " ", "lg:" + r.id(), f));
            } else if (r.v6Set() == f.v6()) {
                for (InetAddress a : sets.get(r.set())) {
                    String text = Addresses.text(a);
                    out.addAll(ports(r, "-d " + text + f.hostPrefix() + " ", "lg:" + r.id() + ":" + text, f));
                }
            }
        }
        return out;
    }

    private static List<String> ports(FirewallRule r, String dest, String comment, IptablesFamily f) {
        List<String> out = new ArrayList<>();
        for (String proto : r.proto().split(",")) {
            String verdict = r.accept() ? "RETURN"
                    : "REJECT --reject-with " + (proto.equals("tcp") ? "tcp-reset" : f.udpReject());
            out.add(dest + "-p " + proto + " -m " + proto + " --dport " + r.port()
                    + " -m comment --comment \"" + comment + "\" -j " + verdict);
        }
        return out;
    }

    private static String digest(Map<String, List<String>> body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            body.forEach((chain, lines) -> lines.forEach(
                    l -> sha.update((chain + " " + l + "\n").getBytes(StandardCharsets.UTF_8))));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
