package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every real capture in captures/ goes through the reader of its tool, and each capture has its
 * provenance beside it. The readers build the fakes' state, so the fakes hold what real hosts had.
 */
class CaptureConformanceTest {

    @Test
    void everyCaptureSaysWhereItCameFrom() {
        for (String name : Fixtures.captures("")) {
            assertThat(Fixtures.capture(name + ".source")).as(name).contains("Command:", "Provenance:");
        }
    }

    /** netsh dns show encryption, Windows 11 (mullvad/dns-blocklists#102). */
    @TestFactory
    Stream<DynamicTest> netshEncryption() {
        return each("netsh-dns-show-encryption--", text -> {
            List<DohEntry> entries = NetshText.parse(text);
            assertThat(entries).hasSize((int) text.lines().filter(l -> l.startsWith("Encryption settings for ")).count());
            assertThat(NetshText.parse(text.replace("\n", "\r\n"))).isEqualTo(entries);
        });
    }

    @Test
    void theMullvadCaptureHoldsTwoServersWithoutFallback() {
        assertThat(NetshText.parse(Fixtures.capture("netsh-dns-show-encryption--two-custom-doh-servers.txt"))).containsExactly(
                new DohEntry("194.242.2.2", "https://dns.mullvad.net/dns-query", true, false),
                new DohEntry("2a07:e340::2", "https://dns.mullvad.net/dns-query", true, false));
    }

    /** ipconfig /all from Windows XP to 11 (kellyjonbrazil/jc fixtures @ac8120e). */
    @TestFactory
    Stream<DynamicTest> ipconfigAll() {
        return each("ipconfig-all--", text -> {
            List<Adapter> adapters = Ipconfig.parse(text);
            long headers = text.lines().filter(l -> !l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && l.contains(" adapter ")).count();
            assertThat(adapters).hasSize((int) headers);
            long dnsLines = text.lines().filter(l -> l.strip().startsWith("DNS Servers") && !l.strip().endsWith(":")).count();
            assertThat(adapters.stream().mapToInt(a -> a.dnsServers().size()).sum()).isGreaterThanOrEqualTo((int) dnsLines);
            assertThat(WindowsDiagnosis.adapters(adapters).evidence()).hasSize(adapters.size());
        });
    }

    /** The Tailscale capture (Windows 10): its DNS servers carry %1 zones, Windows' default IPv6 DNS servers. */
    @Test
    void zonedIpv6ServersParse() {
        List<Adapter> adapters = Ipconfig.parse(Fixtures.capture("ipconfig-all--win10-tailscale-multi-suffix.txt"));
        assertThat(adapters.get(0).alias()).isEqualTo("Tailscale");
        assertThat(adapters.get(0).dnsServers()).extracting(Ip::text).containsExactly("fec0:0:0:ffff::1", "fec0:0:0:ffff::2", "fec0:0:0:ffff::3");
    }

    /** Get-NetAdapter's table: one row per adapter, names cut with "..." or U+2026 kept whole. */
    @TestFactory
    Stream<DynamicTest> getNetAdapter() {
        return each("get-netadapter--", text -> {
            List<Map<String, String>> rows = PsTable.parse(text);
            assertThat(rows).hasSize((int) text.lines().filter(l -> l.matches(".*\\s\\d+ (Up|Disconnected|Disabled|Not Present)\\s.*")).count());
            assertThat(rows).allSatisfy(r -> assertThat(r.get("ifIndex")).matches("\\d+"));
        });
    }

    @Test
    void theWslCaptureListsItsAdaptersWithTheirIndexes() {
        List<Map<String, String>> rows = PsTable.parse(Fixtures.capture("get-netadapter--table-win10-insider-truncated-names-PARTIAL.txt"));
        assertThat(rows).extracting(r -> r.get("Name") + "/" + r.get("ifIndex") + "/" + r.get("Status")).contains(
                "vEthernet (WSL) 5/49/Disconnected", "Ethernet 2/42/Up", "vEthernet (Default Switc\u2026/41/Disconnected");
    }

    @TestFactory
    Stream<DynamicTest> getNetAdapterBinding() {
        return each("get-netadapterbinding-ms_tcpip6--", text -> assertThat(PsTable.parse(text)).isNotEmpty()
                .allSatisfy(r -> assertThat(r).containsEntry("ComponentID", "ms_tcpip6").containsKey("Enabled")));
    }

    @TestFactory
    Stream<DynamicTest> getDnsClientServerAddress() {
        return each("get-dnsclientserveraddress--", text -> assertThat(PsTable.parse(text)).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("Address Family")).isIn("IPv4", "IPv6");
            PsList.items(r.get("ServerAddresses")).forEach(Ip::parse);
        }));
    }

    /** Get-DnsClientNrptRule and -NrptPolicy in list view: one object per rule, every namespace readable. */
    @TestFactory
    Stream<DynamicTest> nrpt() {
        return Stream.concat(Fixtures.captures("get-dnsclientnrptrule--").stream(), Fixtures.captures("get-dnsclientnrptpolicy--msdocs").stream())
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    String text = Fixtures.capture(name);
                    List<Map<String, String>> rules = PsList.parse(text);
                    assertThat(rules).hasSize((int) text.lines().filter(l -> l.startsWith("Namespace ")).count());
                    assertThat(rules).allSatisfy(r -> assertThat(PsList.items(r.get("Namespace"))).isNotEmpty());
                }));
    }

    @Test
    void theNrptTableViewReadsToo() {
        assertThat(PsTable.parse(Fixtures.capture("get-dnsclientnrptpolicy--format-table-two-namespaces.txt")))
                .extracting(r -> r.get("Namespace") + " " + r.get("NameServers")).containsExactly(".internal.company.tld 1.2.3.4", "sub.domain.tld 1.2.3.4");
    }

    private static Stream<DynamicTest> each(String prefix, org.junit.jupiter.api.function.ThrowingConsumer<String> check) {
        return Fixtures.captures(prefix).stream().map(name -> DynamicTest.dynamicTest(name, () -> check.accept(Fixtures.capture(name))));
    }
}
