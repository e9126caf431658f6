package org.leakguard.agent.schedule;

/** Text inside an XML element or attribute. */
final class Xml {
    private Xml() {}

    static String escape(String text) {
        Values.plain("XML text", text);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&':
                    b.append("&amp;");
                    break;
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                case '\'':
                    b.append("&apos;");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }
}
