package org.leakguard.agent.policy;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import java.util.List;
import java.util.regex.Pattern;

/** Key paths as messages show them: {@code spec.resolvers.servers[1]}; the document is "". */
final class KeyPath {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_<-]+");

    private KeyPath() {}

    /** The path of the parser's current token. */
    static String of(JsonStreamContext ctx) {
        StringBuilder sb = new StringBuilder();
        append(sb, ctx);
        return sb.toString();
    }

    static String of(List<Reference> references) {
        StringBuilder sb = new StringBuilder();
        for (Reference r : references) {
            if (r.getFieldName() != null) {
                field(sb, r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    static String join(String parent, String relative) {
        if (parent.isEmpty() || relative.isEmpty()) {
            return parent + relative;
        }
        return parent + "." + relative;
    }

    /** The enclosing path: {@code a.b[2]} becomes {@code a.b}, {@code a.b} becomes {@code a}. */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private static void append(StringBuilder sb, JsonStreamContext ctx) {
        if (ctx == null || ctx.inRoot()) {
            return;
        }
        append(sb, ctx.getParent());
        if (ctx.inObject() && ctx.getCurrentName() != null) {
            field(sb, ctx.getCurrentName());
        } else if (ctx.inArray() && ctx.getEntryCount() > 0) {
            sb.append('[').append(ctx.getCurrentIndex()).append(']');
        }
    }

    private static void field(StringBuilder sb, String name) {
        if (name.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append('.');
        }
        // Odd keys are quoted, so a key cannot pass for a path or break the message line.
        sb.append(PLAIN_KEY.matcher(name).matches() ? name : Checks.quote(name));
    }
}
