package org.leakguard.agent.canary.dnstap;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames off a byte stream: a 32-bit big-endian length and a data frame of that many bytes,
 * or a zero length (the escape), a control frame's length and its payload. Lengths are capped, so
 * a writer cannot make the collector allocate what it likes. {@link #midFrame} is true from a
 * frame's first byte to its last, which is how a writer that stalls inside a frame is told from
 * one that is idle because its server answers nothing.
 */
final class FrameReader {
    /** dnstap messages carry one DNS message each (at most 64 KiB) and a little more. */
    static final int MAX_DATA = 128 * 1024;

    private final DataInputStream in;
    private volatile boolean midFrame;
    private volatile long frames;

    FrameReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** The next frame, or null at a clean end of stream between frames. */
    Frame next() throws IOException, FrameException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        frames++;
        midFrame = true;
        try {
            int length = (first << 24) | (in.readUnsignedByte() << 16) | in.readUnsignedShort();
            if (length == 0) {
                int controlLength = in.readInt();
                if (controlLength < 4 || controlLength > Control.MAX_LENGTH) {
                    throw new FrameException("a control frame length of " + Integer.toUnsignedString(controlLength)
                            + " (4 to " + Control.MAX_LENGTH + " allowed)");
                }
                byte[] payload = new byte[controlLength];
                in.readFully(payload);
                return new Frame.ControlFrame(Control.decode(payload));
            }
            if (length < 0 || length > MAX_DATA) {
                throw new FrameException("a data frame of " + Integer.toUnsignedString(length) + " bytes (at most " + MAX_DATA + ")");
            }
            byte[] data = new byte[length];
            in.readFully(data);
            return new Frame.Data(data);
        } catch (EOFException e) {
            throw new FrameException("the stream ended inside a frame");
        } finally {
            midFrame = false;
        }
    }

    boolean midFrame() {
        return midFrame;
    }

    /** Frames begun so far: with {@link #midFrame}, tells a stalled frame from a stream of frames. */
    long frames() {
        return frames;
    }
}
