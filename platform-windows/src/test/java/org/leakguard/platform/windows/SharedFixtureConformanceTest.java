package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the parsers over every matching capture in ../shared/fixtures/windows (see its README for
 * each capture's command, Windows version and source). CI has the folder; without it the tests
 * are skipped and say so.
 */
class SharedFixtureConformanceTest {

    @Test
    void sharedCapturesArePresent() {
        assumeTrue(Files.isDirectory(Fixtures.sharedWindows()), "skipped: no shared capture folder at " + Fixtures.sharedWindows());
    }

    private static List<Path> captures(String prefix) throws IOException {
        Path dir = Fixtures.sharedWindows();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
    }

    /**
     * netsh dns show encryption, Windows 11 (mullvad/dns-blocklists#102): two servers, both with
     * Mullvad's template, auto-upgrade on, UDP fallback off.
     */
    @TestFactory
    Stream<DynamicTest> netshEncryption() throws IOException {
        return captures("netsh-dns-show-encryption--").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            List<DohEntry> entries = NetshEncryption.parse(text);
            assertThat(entries).hasSize((int) text.lines().filter(l -> l.startsWith("Encryption settings for ")).count());
            if (p.getFileName().toString().contains("two-custom-doh-servers")) {
                assertThat(entries).containsExactly(
                        new DohEntry("194.242.2.2", "https://dns.mullvad.net/dns-query", true, false),
                        new DohEntry("2a07:e340::2", "https://dns.mullvad.net/dns-query", true, false));
            }
            assertThat(NetshEncryption.parse(text.replace("\n", "\r\n"))).isEqualTo(entries);
        }));
    }

    /**
     * ipconfig /all from Windows XP to 11 (kellyjonbrazil/jc fixtures @ac8120e): every adapter
     * header becomes an adapter, every DNS server line an address, so the fakes built from these
     * captures hold what the machines had.
     */
    @TestFactory
    Stream<DynamicTest> ipconfigAll() throws IOException {
        return captures("ipconfig-all--").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            List<Adapter> adapters = Ipconfig.parse(text);
            long headers = text.lines().filter(l -> !l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && l.contains(" adapter ")).count();
            assertThat(adapters).hasSize((int) headers);
            long dnsLines = text.lines().filter(l -> l.strip().startsWith("DNS Servers") && !l.strip().endsWith(":")).count();
            assertThat(adapters.stream().mapToInt(a -> a.dnsServers().size()).sum()).isGreaterThanOrEqualTo((int) dnsLines);
            assertThat(WindowsDiagnosis.adapters(adapters).evidence()).hasSize(adapters.size());
        }));
    }

    /** The Tailscale capture (Windows 10): its DNS servers carry %1 zones that must parse. */
    @Test
    void zonedIpv6ServersParse() throws IOException {
        Path p = Fixtures.sharedWindows().resolve("ipconfig-all--win10-tailscale-multi-suffix.txt");
        assumeTrue(Files.exists(p), "skipped: no " + p);
        List<Adapter> adapters = Ipconfig.parse(Files.readString(p));
        assertThat(adapters.get(0).alias()).isEqualTo("Tailscale");
        assertThat(adapters.get(0).dnsServers()).extracting(Ip::text).containsExactly("fec0:0:0:ffff::1", "fec0:0:0:ffff::2", "fec0:0:0:ffff::3");
    }
}
