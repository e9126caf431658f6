package org.leakguard.agent.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** How error messages name what a setting expects and what the file holds instead. */
final class Wording {
    private Wording() {}

    static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type.isEnum() && YamlWord.class.isAssignableFrom(type)) {
            return "one of " + String.join(", ", words(type));
        }
        if (type.isRecord()) {
            return "a mapping with the keys " + String.join(", ", keys(type));
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == InetAddress.class) {
            return "an IP address such as 203.0.113.53";
        }
        if (type == Duration.class) {
            return "a duration such as 500ms, 1s or 2m";
        }
        return Collection.class.isAssignableFrom(type) ? "a list" : type.getSimpleName();
    }

    /** The current token, as a person would describe it. */
    static String found(JsonParser p) {
        JsonToken t = p == null ? null : p.currentToken();
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_ARRAY -> "a list";
            case START_OBJECT, FIELD_NAME -> "a mapping";
            case VALUE_NULL -> "an empty value";
            case VALUE_STRING -> "text " + Checks.quote(text(p));
            default -> text(p);
        };
    }

    static List<String> words(Class<?> enumType) {
        List<String> words = new ArrayList<>();
        for (Object constant : enumType.getEnumConstants()) {
            words.add(((YamlWord) constant).yaml());
        }
        return words;
    }

    static List<String> keys(Class<?> recordType) {
        return Arrays.stream(recordType.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toList());
    }

    static String text(JsonParser p) {
        try {
            return p.getText();
        } catch (IOException e) {
            return "a value";
        }
    }
}
