package org.leakguard.agent.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.CharConversionException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns Jackson's and SnakeYAML's exceptions into a {@link PolicyException} that says where
 * and what to write instead. Locations come from the {@link SourceMap} when the key path is
 * known there, since Jackson reports some errors at the end of the enclosing mapping.
 */
final class BindingErrors {
    private static final Pattern SIMPLE_VALUE = Pattern.compile("[A-Za-z0-9.:_-]{1,64}");

    private final String file;
    private final SourceMap sources;

    BindingErrors(String file, SourceMap sources) {
        this.file = file;
        this.sources = sources;
    }

    PolicyException translate(JacksonException e) {
        YamlRejected rejected = cause(e, YamlRejected.class);
        if (rejected != null) {
            return at(rejected.getLocation(), rejected.keyPath(), rejected.problem());
        }
        CharConversionException encoding = cause(e, CharConversionException.class);
        if (encoding != null) {
            return PolicyException.wholeFile(file, "is not UTF-8 text (" + encoding.getMessage()
                    + "); save it as UTF-8");
        }
        org.yaml.snakeyaml.reader.ReaderException unreadable = cause(e, org.yaml.snakeyaml.reader.ReaderException.class);
        if (unreadable != null) {
            JsonParser p = parser(e);
            return at(e.getLocation(), p == null ? "" : KeyPath.of(p.getParsingContext()), String.format(java.util.Locale.ROOT,
                    "the control character U+%04X is not allowed in YAML; a policy is UTF-8 text: is this a binary,"
                    + " UTF-16 or damaged file?", unreadable.getCodePoint()));
        }
        MarkedYAMLException syntax = cause(e, MarkedYAMLException.class);
        if (syntax != null) {
            return syntax(syntax, e);
        }
        if (e instanceof ValueInstantiationException) {
            return refused((ValueInstantiationException) e);
        }
        if (e instanceof JsonMappingException) {
            return mapping((JsonMappingException) e);
        }
        return at(e.getLocation(), "", e.getOriginalMessage());
    }

    private PolicyException mapping(JsonMappingException e) {
        String path = KeyPath.of(e.getPath());
        if (e instanceof UnrecognizedPropertyException) {
            return unknownKey((UnrecognizedPropertyException) e, path);
        }
        if (e instanceof InvalidNullException) {
            return at(sources.value(path), path, "an empty list item is not allowed; remove it or write a value");
        }
        if (e instanceof InvalidFormatException) {
            return at(sources.value(path), path, badValue((InvalidFormatException) e));
        }
        if (e instanceof MismatchedInputException && path.isEmpty()) {
            JsonParser p = parser(e);
            boolean text = p != null && p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING;
            return at(sources.value(path), path, YamlMistakes.notAPolicy(text ? Wording.text(p) : null, Wording.found(p)));
        }
        if (e instanceof MismatchedInputException) {
            return at(sources.value(path), path, mismatch((MismatchedInputException) e));
        }
        return at(sources.value(path), path, e.getOriginalMessage());
    }

    private PolicyException unknownKey(UnrecognizedPropertyException e, String path) {
        String key = e.getPropertyName();
        Class<?> owner = e.getReferringClass();
        List<String> known = owner != null && owner.isRecord() ? Wording.keys(owner) : List.of();
        StringBuilder why = new StringBuilder("unknown key ").append(Checks.quote(key));
        if ("<<".equals(key)) {
            why.append(" (YAML merge keys are not supported; write the keys out)");
        }
        String home = YamlMistakes.underSpec(key, path);
        if (home != null) {
            why.append(home);
        }
        String guess = home != null ? null : Spelling.closest(key, known);
        if (guess != null) {
            why.append("; did you mean ").append(Checks.quote(guess)).append('?');
        }
        if (!known.isEmpty()) {
            why.append(guess != null ? " Known keys here: " : "; known keys here: ")
                    .append(String.join(", ", known));
        }
        return at(sources.key(path), path, why.toString());
    }

    private static String mismatch(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        JsonParser p = parser(e);
        String why = "expected " + Wording.expected(target) + ", found " + Wording.found(p);
        boolean scalar = p != null && p.currentToken() != null && p.currentToken().isScalarValue();
        if (target != null && Collection.class.isAssignableFrom(target) && scalar
                && SIMPLE_VALUE.matcher(Wording.text(p)).matches()) {
            return why + "; write a list even for one item, e.g. [" + Wording.text(p) + "]";
        }
        return why;
    }

    private static String badValue(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        Object value = e.getValue();
        if (target == InetAddress.class || target == Duration.class) {
            return e.getOriginalMessage();
        }
        String shown = value instanceof String ? Checks.quote((String) value) : String.valueOf(value);
        if (target != null && target.isEnum()) {
            return shown + " is not one of " + String.join(", ", Wording.words(target));
        }
        String hint = target == String.class && !(value instanceof String) ? "; put it in quotes" : "";
        return "expected " + Wording.expected(target) + ", found " + shown + hint;
    }

    private PolicyException refused(ValueInstantiationException e) {
        String path = KeyPath.of(e.getPath());
        InvalidSetting setting = cause(e, InvalidSetting.class);
        if (setting == null) {
            Throwable why = e.getCause() != null ? e.getCause() : e;
            return at(sources.value(path), path, String.valueOf(why.getMessage()));
        }
        String full = KeyPath.join(path, setting.key());
        return at(sources.value(full), full, setting.problem());
    }

    /** A rule broken by a bound policy; the key path is complete. */
    PolicyException refused(InvalidSetting s) {
        return at(sources.value(s.key()), s.key(), s.problem());
    }

    private PolicyException syntax(MarkedYAMLException y, JacksonException e) {
        Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
        JsonParser p = parser(e);
        String path = p == null ? "" : KeyPath.of(p.getParsingContext());
        String problem = YamlMistakes.explain(y);
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        return new PolicyException(file, line, column, path, problem);
    }

    private PolicyException at(JsonLocation where, String path, String problem) {
        if (where == null || where.getLineNr() < 1) {
            return at(sources.key(path), path, problem);
        }
        return new PolicyException(file, where.getLineNr(), where.getColumnNr(), path, problem);
    }

    private PolicyException at(SourceMap.Position where, String path, String problem) {
        return new PolicyException(file, where.line(), where.column(), path, problem);
    }

    private static JsonParser parser(JacksonException e) {
        return e.getProcessor() instanceof JsonParser ? (JsonParser) e.getProcessor() : null;
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
