package org.leakguard.agent.canary.dnstap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Frame Streams control frame: its type and its CONTENT_TYPE fields. The wire form (after the
 * escape and the length) is a 32-bit big-endian type, then fields, each a 32-bit field type, a
 * 32-bit length and that many bytes. Pure: bytes in, bytes out.
 */
record Control(int type, List<String> contentTypes) {
    static final int ACCEPT = 1;
    static final int START = 2;
    static final int STOP = 3;
    static final int READY = 4;
    static final int FINISH = 5;
    static final int FIELD_CONTENT_TYPE = 1;
    /** The largest control frame payload the protocol allows. */
    static final int MAX_LENGTH = 512;
    static final int MAX_CONTENT_TYPE = 256;

    Control {
        contentTypes = List.copyOf(contentTypes);
    }

    static Control decode(byte[] payload) throws FrameException {
        if (payload.length < 4 || payload.length > MAX_LENGTH) {
            throw new FrameException("a control frame of " + payload.length + " bytes (4 to " + MAX_LENGTH + " allowed)");
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        int type = b.getInt();
        List<String> types = new ArrayList<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 8) {
                throw new FrameException("a control frame field cut short");
            }
            int field = b.getInt();
            int length = b.getInt();
            if (length < 0 || length > b.remaining() || length > MAX_CONTENT_TYPE) {
                throw new FrameException("a control frame field of " + Integer.toUnsignedString(length) + " bytes");
            }
            byte[] value = new byte[length];
            b.get(value);
            if (field == FIELD_CONTENT_TYPE) {
                types.add(new String(value, StandardCharsets.UTF_8));
            }
        }
        return new Control(type, types);
    }

    /** The whole frame: escape, length, payload. */
    byte[] encode() {
        List<byte[]> fields = contentTypes.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
        int length = 4 + fields.stream().mapToInt(f -> 8 + f.length).sum();
        ByteBuffer b = ByteBuffer.allocate(8 + length);
        b.putInt(0).putInt(length).putInt(type);
        for (byte[] f : fields) {
            b.putInt(FIELD_CONTENT_TYPE).putInt(f.length).put(f);
        }
        return b.array();
    }

    static String name(int type) {
        switch (type) {
            case ACCEPT:
                return "ACCEPT";
            case START:
                return "START";
            case STOP:
                return "STOP";
            case READY:
                return "READY";
            case FINISH:
                return "FINISH";
            default:
                return "control type " + Integer.toUnsignedString(type);
        }
    }
}
