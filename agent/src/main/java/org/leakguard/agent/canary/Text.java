package org.leakguard.agent.canary;

/** Text from the network, made safe for one log line: control characters escaped, length capped. */
final class Text {
    static final int MAX = 200;

    private Text() {}

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < MAX; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.length() >= MAX ? b + "..." : b.toString();
    }
}
