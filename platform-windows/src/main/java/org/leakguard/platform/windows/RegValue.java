package org.leakguard.platform.windows;

import java.util.List;
import java.util.Objects;

/**
 * A registry value with its type, so undo writes back exactly what was there.
 *
 * @param number the data of a DWORD (0 to 0xFFFFFFFF), 0 otherwise
 * @param text the data of a string type: one item for SZ and EXPAND_SZ, every item for MULTI_SZ
 */
public record RegValue(RegType type, long number, List<String> text) {

    public RegValue {
        Objects.requireNonNull(type, "type");
        text = text == null ? List.of() : List.copyOf(text);
        if (type == RegType.DWORD && (number < 0 || number > 0xFFFFFFFFL)) {
            throw new IllegalArgumentException("a DWORD holds 0 to 0xFFFFFFFF, not " + number);
        }
        if ((type == RegType.SZ || type == RegType.EXPAND_SZ) && text.size() != 1) {
            throw new IllegalArgumentException(type + " holds exactly one string");
        }
    }

    public static RegValue dword(long number) {
        return new RegValue(RegType.DWORD, number, List.of());
    }

    public static RegValue sz(String text) {
        return new RegValue(RegType.SZ, 0, List.of(text));
    }

    public static RegValue multiSz(List<String> items) {
        return new RegValue(RegType.MULTI_SZ, 0, items);
    }

    /** The one string of an SZ or EXPAND_SZ value. */
    public String string() {
        return text.get(0);
    }

    /** As {@code reg query} would show it: {@code REG_DWORD 0x1}. */
    @Override
    public String toString() {
        return switch (type) {
            case DWORD -> "REG_DWORD 0x" + Long.toHexString(number);
            case SZ, EXPAND_SZ -> "REG_" + type + " \"" + string() + "\"";
            case MULTI_SZ -> "REG_MULTI_SZ " + text;
        };
    }
}
