package org.leakguard.platform.linux;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.leakguard.agent.net.AddressRange;
import org.leakguard.agent.net.AddressRanges;

/**
 * Whether a listed table is the wanted one, judged from what nft's JSON reliably carries: the
 * digest comment, each chain's hook and policy, the sequence of rule comments, and the set
 * elements as address ranges. nft's pretty-printed text, which varies by version, is never
 * compared.
 */
final class TableCheck {
    private TableCheck() {}

    /** What differs, one line each; empty when the table is intact. */
    static List<String> differences(WantedTable want, NftTable seen) {
        List<String> out = new ArrayList<>();
        String digest = want.digestComment();
        if (seen.comment() != null && !seen.comment().equals(digest)) {
            out.add("table comment is \"" + seen.comment() + "\", wanted \"" + digest + "\"");
        }
        if (!seen.sets().keySet().equals(want.sets().keySet())) {
            out.add("sets are " + seen.sets().keySet() + ", wanted " + want.sets().keySet());
        }
        want.sets().forEach((name, addresses) -> {
            NftSet s = seen.sets().get(name);
            if (s != null) {
                checkSet(name, addresses, s, digest, out);
            }
        });
        List<String> chainNames = want.chains().stream().map(NftChainSpec::name).toList();
        if (!seen.chains().keySet().equals(Set.copyOf(chainNames))) {
            out.add("chains are " + seen.chains().keySet() + ", wanted " + chainNames);
        }
        for (NftChainSpec c : want.chains()) {
            NftChain got = seen.chains().get(c.name());
            if (got != null) {
                checkChain(c, got, out);
            }
        }
        return out;
    }

    private static void checkSet(String name, List<InetAddress> want, NftSet s, String digest, List<String> out) {
        if (!digest.equals(s.comment())) {
            out.add("set " + name + " comment is " + quote(s.comment()) + ", wanted \"" + digest + "\"");
        }
        String type = name.endsWith("6") ? "ipv6_addr" : "ipv4_addr";
        String flag = WantedTable.flag(name);
        if (!type.equals(s.type()) || !s.flags().contains(flag)) {
            out.add("set " + name + " is " + s.type() + " " + s.flags() + ", wanted " + type + " [" + flag + "]");
        }
        if (WantedTable.timed(name)) {
            return; // the window's elements come and go with their timeouts; the window reports them
        }
        List<AddressRange> wanted = AddressRanges.of(want);
        if (!wanted.equals(s.elements())) {
            List<AddressRange> missing = new ArrayList<>(wanted);
            missing.removeAll(s.elements());
            List<AddressRange> extra = new ArrayList<>(s.elements());
            extra.removeAll(wanted);
            out.add("set " + name + " elements differ: missing " + text(missing) + ", unexpected " + text(extra));
        }
    }

    private static void checkChain(NftChainSpec want, NftChain got, List<String> out) {
        boolean base = NftChainSpec.TYPE.equals(got.type())
                && want.hook().equals(got.hook())
                && Objects.equals(NftChainSpec.PRIORITY, got.prio())
                && NftChainSpec.POLICY.equals(got.policy());
        if (!base) {
            out.add("chain " + want.name() + " is type " + got.type() + " hook " + got.hook() + " priority "
                    + got.prio() + " policy " + got.policy() + ", wanted filter hook " + want.hook()
                    + " priority 0 policy accept");
        }
        if (!want.ruleComments().equals(got.ruleComments())) {
            out.add("chain " + want.name() + " rules are " + got.ruleComments() + ", wanted " + want.ruleComments());
        }
    }

    private static String quote(String s) {
        return s == null ? "missing" : "\"" + s + "\"";
    }

    static List<String> text(List<AddressRange> ranges) {
        return ranges.stream()
                .map(r -> r.first().equals(r.last())
                        ? address(r.v6(), r.first())
                        : address(r.v6(), r.first()) + "-" + address(r.v6(), r.last()))
                .toList();
    }

    private static String address(boolean v6, BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[v6 ? 16 : 4];
        int n = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - n, bytes, bytes.length - n, n);
        try {
            return Addresses.text(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }
}
