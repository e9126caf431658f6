package org.leakguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.probe.Verifier;

/**
 * {@code agent portal} on the real command line, with a platform that has no window (as Windows
 * and macOS): every refusal happens before anything is read or written. The window itself is
 * tested against real nft in platform-linux.
 */
class PortalCommandTest {
    @TempDir
    Path tmp;

    Path state;
    Path withWindow;
    Path withoutWindow;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        state = tmp.resolve("state");
        withWindow = write("window.yaml", "    portal: {maxWindow: 10m}\n");
        withoutWindow = write("plain.yaml", "");
    }

    private Path write(String name, String portal) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: laptop}\nspec:\n"
                + "  resolvers: {servers: [203.0.113.53]}\n  firewall:\n    plainDns: block-others\n" + portal);
        return p;
    }

    int run(String os, String... args) {
        Context ctx = new Context(List.of(new MainTest.OneFilePlatform()), new HostInfo("h1", os, "1"), c -> {
            throw new java.io.IOException("no commands in this test: " + c);
        }, Verifier.UNAVAILABLE, Clock.systemUTC());
        return Main.run(ctx, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void aHostWithoutAWindowSaysWhyAndExitsOne() {
        int code = run("Windows 11", "--state-dir", state.toString(), "portal", "open", "--for", "5m", withWindow.toString());
        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).contains("this host (Windows 11) cannot open a captive-portal window")
                .contains("nothing was changed");
        assertThat(state).doesNotExist();
        assertThat(run("Mac OS X", "--state-dir", state.toString(), "portal", "close", withWindow.toString())).isEqualTo(1);
        assertThat(run("Mac OS X", "--state-dir", state.toString(), "portal", "status")).isEqualTo(1);
    }

    @Test
    void aWindowThePolicyDoesNotAllowIsRefusedWithExitTwo() {
        assertThat(run("Linux", "--state-dir", state.toString(), "portal", "open", "--for", "5m", withoutWindow.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("spec.firewall.portal is not set");
        assertThat(run("Linux", "--state-dir", state.toString(), "portal", "open", "--for", "15m", withWindow.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--for 15m is longer than spec.firewall.portal.maxWindow (10m)");
        assertThat(run("Linux", "--state-dir", state.toString(), "portal", "open", "--for", "30s", withWindow.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--for 30s is shorter than 1m");
        assertThat(run("Linux", "--state-dir", state.toString(), "portal", "open", "--for", "soon", withWindow.toString()))
                .isEqualTo(2);
        assertThat(run("Linux", "--root", tmp.toString(), "portal", "open", "--for", "5m", withWindow.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("does not take --root");
        assertThat(state).doesNotExist();
    }

    @Test
    void withoutASubVerbItShowsItsUsage() {
        assertThat(run("Linux", "portal")).isEqualTo(2);
        assertThat(err.toString()).contains("name one of open, close, status").contains("open").contains("close");
    }
}
