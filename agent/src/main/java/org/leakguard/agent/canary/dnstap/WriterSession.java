package org.leakguard.agent.canary.dnstap;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The reader's side of one Frame Streams connection. Bidirectional: READY (the writer's content
 * types) is answered with ACCEPT naming dnstap's, then START, data frames, STOP, answered with
 * FINISH. Unidirectional: START, data frames, STOP. Anything else is a {@link FrameException}.
 */
final class WriterSession {
    static final String CONTENT_TYPE = "protobuf:dnstap.Dnstap";

    private final FrameReader in;
    private final OutputStream out;
    private final Consumer<Asked> sink;
    private final LongAdder messages;
    private volatile boolean started;

    WriterSession(FrameReader in, OutputStream out, Consumer<Asked> sink, LongAdder messages) {
        this.in = in;
        this.out = out;
        this.sink = sink;
        this.messages = messages;
    }

    /** Runs the connection to its end; a writer that leaves without STOP just ends it. */
    void run() throws IOException, FrameException {
        Control first = control(in.next());
        if (first == null) {
            return;
        }
        boolean bidirectional = first.type() == Control.READY;
        if (bidirectional) {
            if (!first.contentTypes().contains(CONTENT_TYPE)) {
                throw new FrameException("READY offers " + first.contentTypes() + ", not " + CONTENT_TYPE);
            }
            send(new Control(Control.ACCEPT, List.of(CONTENT_TYPE)));
            first = control(in.next());
            if (first == null) {
                return;
            }
        }
        if (first.type() != Control.START) {
            throw new FrameException("expected START, got " + Control.name(first.type()));
        }
        if (!first.contentTypes().isEmpty() && !first.contentTypes().equals(List.of(CONTENT_TYPE))) {
            throw new FrameException("START names content type " + first.contentTypes() + ", not " + CONTENT_TYPE);
        }
        started = true;
        for (Frame f = in.next(); f != null; f = in.next()) {
            if (f instanceof Frame.Data data) {
                messages.increment();
                DnstapQueries.decode(data.bytes()).ifPresent(sink);
            } else {
                Control c = ((Frame.ControlFrame) f).control();
                if (c.type() == Control.STOP) {
                    if (bidirectional) {
                        send(new Control(Control.FINISH, List.of()));
                    }
                    return;
                }
                if (c.type() >= Control.ACCEPT && c.type() <= Control.FINISH) {
                    throw new FrameException("unexpected " + Control.name(c.type()) + " after START");
                }
                // Other control types are ignored, as the protocol asks for forward compatibility.
            }
        }
    }

    /** True once the handshake is done and data may flow. */
    boolean started() {
        return started;
    }

    private static Control control(Frame f) throws FrameException {
        if (f == null) {
            return null;
        }
        if (f instanceof Frame.ControlFrame c) {
            return c.control();
        }
        throw new FrameException("a data frame of " + ((Frame.Data) f).bytes().length + " bytes before the handshake");
    }

    private void send(Control c) throws IOException {
        out.write(c.encode());
        out.flush();
    }
}
