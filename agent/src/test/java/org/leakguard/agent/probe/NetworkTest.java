package org.leakguard.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether a route's servers answer at all, which tells a route that is down from a leak. */
class NetworkTest {
    static final Duration T = Duration.ofSeconds(2);

    @Test
    void oneServerAnsweringIsEnoughAndNoneAnsweringIsNo() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        int closed;
        try (DatagramSocket s = new DatagramSocket(0, lo)) {
            closed = s.getLocalPort();
        }
        try (RouteNamesTest.Responder up = new RouteNamesTest.Responder(List.of("127.0.0.1"))) {
            assertThat(Network.anyAnswers(List.of(lo), up.port(), "x.leakguard-probe.invalid", T).join()).isTrue();
            assertThat(up.asked()).isEqualTo(1);
        }
        assertThat(Network.anyAnswers(List.of(lo), closed, "x.leakguard-probe.invalid", T).join()).isFalse();
        assertThat(Network.anyAnswers(List.of(), 53, "x.leakguard-probe.invalid", T).join()).isFalse();
    }
}
