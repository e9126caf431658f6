package org.leakguard.agent.canary.dnstap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class WriterSessionTest {
    static final String CAPTURE = "/dnstap/knot-3.2.6-queries-and-responses.fstrm";

    static byte[] capture() throws Exception {
        try (InputStream in = WriterSessionTest.class.getResourceAsStream(CAPTURE)) {
            return in.readAllBytes();
        }
    }

    /** The data frames of the Knot capture, without its START and STOP. */
    static List<byte[]> captureFrames() throws Exception {
        FrameReader r = new FrameReader(new ByteArrayInputStream(capture()));
        List<byte[]> frames = new ArrayList<>();
        for (Frame f = r.next(); f != null; f = r.next()) {
            if (f instanceof Frame.Data d) {
                frames.add(d.bytes());
            }
        }
        return frames;
    }

    static List<String> run(byte[] stream, ByteArrayOutputStream out) throws Exception {
        List<String> asked = new ArrayList<>();
        new WriterSession(new FrameReader(new ByteArrayInputStream(stream)), out,
                a -> asked.add(a.name() + " " + a.from().getHostAddress()), new LongAdder()).run();
        return asked;
    }

    @Test
    void readsKnotsUnidirectionalCaptureKeepingOnlyQueries() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> asked = run(capture(), out);

        assertThat(asked).containsExactlyInAnyOrder("id1.leaktest.example. 203.0.113.53", "id2.leaktest.example. 203.0.113.53",
                "id3.leaktest.example. 203.0.113.53", "v6id.leaktest.example. 2001:db8:0:0:0:0:0:2",
                "TcpId.leaktest.example. 203.0.113.53");
        assertThat(out.size()).as("a unidirectional stream gets no answer").isZero();
    }

    @Test
    void aBidirectionalWriterIsAcceptedAndFinished() throws Exception {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(new Control(Control.READY, List.of("protobuf:other", WriterSession.CONTENT_TYPE)).encode());
        in.writeBytes(new Control(Control.START, List.of(WriterSession.CONTENT_TYPE)).encode());
        for (byte[] f : captureFrames()) {
            in.writeBytes(ByteBuffer.allocate(4).putInt(f.length).array());
            in.writeBytes(f);
        }
        in.writeBytes(new Control(Control.STOP, List.of()).encode());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(run(in.toByteArray(), out)).hasSize(5);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new Control(Control.ACCEPT, List.of(WriterSession.CONTENT_TYPE)).encode());
        expected.writeBytes(new Control(Control.FINISH, List.of()).encode());
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void garbageAnotherContentTypeAndOversizedFramesAreRefused() {
        byte[] garbage = "GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] otherType = new Control(Control.READY, List.of("protobuf:other")).encode();
        ByteArrayOutputStream huge = new ByteArrayOutputStream();
        huge.writeBytes(new Control(Control.START, List.of()).encode());
        huge.writeBytes(new byte[] {0x7f, 0, 0, 0});
        ByteArrayOutputStream notDnstap = new ByteArrayOutputStream();
        notDnstap.writeBytes(new Control(Control.START, List.of()).encode());
        notDnstap.writeBytes(new byte[] {0, 0, 0, 3, (byte) 0xff, (byte) 0xff, (byte) 0xff});

        assertThatThrownBy(() -> run(garbage, new ByteArrayOutputStream())).isInstanceOf(FrameException.class);
        assertThatThrownBy(() -> run(otherType, new ByteArrayOutputStream())).isInstanceOf(FrameException.class)
                .hasMessageContaining("protobuf:other");
        assertThatThrownBy(() -> run(huge.toByteArray(), new ByteArrayOutputStream())).isInstanceOf(FrameException.class)
                .hasMessageContaining("data frame of");
        assertThatThrownBy(() -> run(notDnstap.toByteArray(), new ByteArrayOutputStream())).isInstanceOf(FrameException.class)
                .hasMessageContaining("not a dnstap message");
    }

    @Test
    void controlFramesRoundTripAndBadFieldsAreRefused() throws Exception {
        Control ready = new Control(Control.READY, List.of("a", "b"));
        byte[] wire = ready.encode();
        byte[] payload = java.util.Arrays.copyOfRange(wire, 8, wire.length);

        assertThat(Control.decode(payload)).isEqualTo(ready);
        payload[11] = 100;
        assertThatThrownBy(() -> Control.decode(payload)).isInstanceOf(FrameException.class);
    }
}
