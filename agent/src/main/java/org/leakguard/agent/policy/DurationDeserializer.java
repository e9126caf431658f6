package org.leakguard.agent.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as admins write them: {@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h}. */
final class DurationDeserializer extends StdScalarDeserializer<Duration> {
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

    DurationDeserializer() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
            throw InvalidFormatException.from(p, p.getText() + " has no unit; write e.g. "
                    + p.getText() + "s or " + p.getText() + "ms", p.getText(), Duration.class);
        }
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
        }
        Duration d = parse(p.getText());
        if (d == null) {
            throw InvalidFormatException.from(p, Checks.quote(p.getText())
                    + " is not a duration; write a whole number with ms, s, m or h, e.g. 500ms, 1s, 2m",
                    p.getText(), Duration.class);
        }
        return d;
    }

    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
