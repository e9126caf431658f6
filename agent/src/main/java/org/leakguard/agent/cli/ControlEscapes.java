package org.leakguard.agent.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What the agent prints to a terminal carries text it did not write: other users' process names
 * (diagnose), file contents, policy values. A control character among them (an ESC sequence that
 * retitles the window or rewrites the screen, a carriage return that hides a line) is printed as
 * {@code \\u001b}, which is also how JSON spells it inside a string, so JSON output stays valid and
 * means the same. Line feeds and tabs pass, and carriage returns where the platform ends lines with them.
 */
final class ControlEscapes extends FilterWriter {
    private static final boolean CRLF = System.lineSeparator().contains("\r");

    ControlEscapes(Writer out) {
        super(out);
    }

    static boolean needsEscape(int c) {
        return (c < 0x20 && c != '\n' && c != '\t' && !(c == '\r' && CRLF)) || (c >= 0x7f && c <= 0x9f)
                || c == 0x2028 || c == 0x2029;
    }

    @Override
    public void write(int c) throws IOException {
        if (needsEscape(c)) {
            out.write(String.format("\\u%04x", c));
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(buf[i]);
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(s.charAt(i));
        }
    }
}
