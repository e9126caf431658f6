package org.leakguard.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** Exceptions Java throws without a message still read as words, never as a class name. */
class ErrorTextTest {
    @Test
    void messagelessNetworkErrorsAreWords() {
        assertThat(ErrorText.of(new PortUnreachableException())).isEqualTo("port unreachable (ICMP)");
        assertThat(ErrorText.of(new SocketTimeoutException())).isEqualTo("timed out");
        assertThat(ErrorText.of(new IOException(new PortUnreachableException()))).doesNotContain("Exception");
        assertThat(ErrorText.of(new IOException())).isEqualTo("failed without a message (run with -v for the details)");
        assertThat(ErrorText.of(new IOException("Connection refused"))).isEqualTo("Connection refused");
    }
}
