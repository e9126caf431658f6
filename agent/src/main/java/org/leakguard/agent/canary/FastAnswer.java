package org.leakguard.agent.canary;

import java.net.Inet4Address;
import java.util.Locale;

/**
 * The answer to the query a canary sees most, written straight from the query's bytes: one
 * question, type A, class IN, for a name under the zone, no EDNS or EDNS without options. The
 * answer is the question, then the A record pointing at it (0xC00C), then EDNS if asked; exactly
 * what {@link CanaryZone} builds through the DNS library, without parsing and re-encoding.
 * Anything else returns null and takes the full path.
 */
final class FastAnswer {
    private static final int HEADER = 12;
    private static final int TYPE_A = 1;
    private static final int CLASS_IN = 1;
    private static final int TYPE_OPT = 41;

    private final byte[][] zoneLabels;
    private final byte[] address;
    private final boolean nsIsSelf;

    /** With {@code nsIsSelf}, ns.<zone> is left to the full path, which answers it with the server's own address. */
    FastAnswer(org.xbill.DNS.Name zone, Inet4Address answer, boolean nsIsSelf) {
        this.nsIsSelf = nsIsSelf;
        zoneLabels = new byte[zone.labels() - 1][];
        for (int i = 0; i < zoneLabels.length; i++) {
            zoneLabels[i] = zone.getLabelString(i).toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        this.address = answer.getAddress();
    }

    /** The canary id and the answer, or null when the query is not the common case. */
    Result answer(byte[] q) {
        if (q.length < HEADER + 5 || (q[2] & 0xF8) != 0 || u16(q, 4) != 1 || u16(q, 6) != 0 || u16(q, 8) != 0 || u16(q, 10) > 1) {
            return null;
        }
        int labels = 0;
        int at = HEADER;
        int[] starts = new int[128];
        while (q[at] != 0) {
            int len = q[at] & 0xFF;
            if (len > 63 || at + 1 + len >= q.length || labels == starts.length) {
                return null;
            }
            starts[labels++] = at;
            at += 1 + len;
        }
        int qEnd = at + 5;
        if (qEnd > q.length || u16(q, at + 1) != TYPE_A || u16(q, at + 3) != CLASS_IN || labels <= zoneLabels.length
                || !endsWithZone(q, starts, labels)) {
            return null;
        }
        boolean edns = u16(q, 10) == 1;
        if (edns && (qEnd + 11 != q.length || q[qEnd] != 0 || u16(q, qEnd + 1) != TYPE_OPT || q[qEnd + 6] != 0 || u16(q, qEnd + 9) != 0)) {
            return null;
        }
        if (!edns && qEnd != q.length) {
            return null;
        }
        int idStart = starts[labels - zoneLabels.length - 1];
        String id = ascii(q, idStart + 1, q[idStart] & 0xFF);
        if (id == null || (nsIsSelf && labels == zoneLabels.length + 1 && id.equals("ns"))) {
            return null;
        }
        byte[] r = new byte[qEnd + 16 + (edns ? 11 : 0)];
        System.arraycopy(q, 0, r, 0, qEnd);
        r[2] = (byte) (0x84 | (q[2] & 0x01));
        r[3] = 0;
        r[7] = 1;
        r[11] = (byte) (edns ? 1 : 0);
        int w = qEnd;
        r[w++] = (byte) 0xC0;
        r[w++] = HEADER;
        r[w++] = 0;
        r[w++] = TYPE_A;
        r[w++] = 0;
        r[w++] = CLASS_IN;
        w += 4;
        r[w++] = 0;
        r[w++] = 4;
        System.arraycopy(address, 0, r, w, 4);
        w += 4;
        if (edns) {
            r[w + 1] = 0;
            r[w + 2] = TYPE_OPT;
            r[w + 3] = (byte) (CanaryZone.EDNS_PAYLOAD >>> 8);
            r[w + 4] = (byte) CanaryZone.EDNS_PAYLOAD;
            r[w + 7] = (byte) (q[qEnd + 7] & 0x80);
        }
        return new Result(id, r);
    }

    record Result(String id, byte[] reply) {}

    private boolean endsWithZone(byte[] q, int[] starts, int labels) {
        for (int i = 0; i < zoneLabels.length; i++) {
            int s = starts[labels - zoneLabels.length + i];
            byte[] want = zoneLabels[i];
            if ((q[s] & 0xFF) != want.length) {
                return false;
            }
            for (int j = 0; j < want.length; j++) {
                byte c = q[s + 1 + j];
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (c != want[j]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The label lower-cased, or null when it holds a byte that would need escaping in text. */
    private static String ascii(byte[] q, int from, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            int b = q[from + i] & 0xFF;
            if (b <= 0x20 || b >= 0x7F || b == '.' || b == '\\' || b == '"' || b == '(' || b == ')' || b == ';' || b == '@' || b == '$') {
                return null;
            }
            c[i] = (char) (b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
        return new String(c);
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }
}
