package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every parser over every matching real capture in the module's {@code captured/} resources.
 */
class SharedFixtureConformanceTest {
    private static final Map<String, ResolvOwner> OWNER_BY_VARIANT = Map.of(
            "debian-resolvconf", ResolvOwner.RESOLVCONF,
            "networkmanager", ResolvOwner.NETWORK_MANAGER,
            "openresolv", ResolvOwner.RESOLVCONF,
            "systemd-resolved", ResolvOwner.SYSTEMD_RESOLVED,
            "wsl", ResolvOwner.WSL);

    /** Dynamic tests alone would vanish silently without their captures. */
    @Test
    void sharedCapturesArePresent() {
        assertThat(Fixtures.sharedLinux()).as("the captures travel with the module").isDirectory();
    }

    private static List<Path> captures(String prefix) throws IOException {
        Path dir = Fixtures.sharedLinux();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> resolvConfCaptures() throws IOException {
        List<Path> files = captures("resolv-conf--");
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            ResolvOwner owner = ResolvConf.parseOwner(List.of(), text, false);
            String variant = p.getFileName().toString().substring("resolv-conf--".length());
            OWNER_BY_VARIANT.forEach((prefix, expected) -> {
                if (variant.startsWith(prefix)) {
                    assertThat(owner).isEqualTo(expected);
                }
            });
            assertThat(ResolvConf.parseNameservers(text)).isNotEmpty();
            String pinned = ResolvConf.pin(text, List.of("192.0.2.53"), List.of("corp.example"));
            assertThat(ResolvConf.pin(pinned, List.of("192.0.2.53"), List.of("corp.example"))).isEqualTo(pinned);
            assertThat(ResolvConf.parseNameservers(pinned)).containsExactly("192.0.2.53");
        }));
    }

    @TestFactory
    Stream<DynamicTest> nftJsonCaptures() throws IOException {
        List<Path> files = captures("nft-j-list-");
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String json = Files.readString(p, StandardCharsets.UTF_8);
            List<NftTable> tables = NftJson.parseTables(json);
            long listed = json.split("\\{\"table\": ", -1).length - 1L;
            assertThat(tables).hasSize((int) listed);
            for (NftTable t : tables) {
                t.chains().values().forEach(c -> assertThat(c.hook()).isNotBlank());
                if (t.name().equals(WantedTable.NAME)) {
                    WantedTable want = FirewallRules.wanted(Specs.standardFirewall(), new ArrayList<>()).orElseThrow().nft();
                    assertThat(TableCheck.differences(want, t)).isNotEmpty();
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> procNetCaptures() throws IOException {
        return captures("proc-net-").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            String proto = p.getFileName().toString().split("--")[0].substring("proc-net-".length());
            List<ProcSocket> sockets = ProcNet.parse(proto, text);
            assertThat(sockets).hasSize((int) text.lines().skip(1).filter(l -> !l.isBlank()).count());
            assertThat(sockets).allSatisfy(s -> assertThat(Addresses.parseLiteral(s.local()).isLoopbackAddress()).isTrue());
            Path ss = p.resolveSibling("ss-tunap--staged-loopback-53-python.txt");
            if (p.getFileName().toString().contains("staged") && Files.exists(ss)) {
                List<String> ssLines = Files.readAllLines(ss).stream().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
                for (ProcSocket s : sockets) {
                    String line = SocketsFormat.line(s, java.util.Map.of());
                    String[] f = line.split(" ");
                    // ss adds the queue sizes between the state and the endpoints.
                    assertThat(ssLines).as(line).anySatisfy(l -> assertThat(l)
                            .startsWith(f[0] + " " + f[1] + " 0 0 " + f[2] + " " + f[3]));
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> resolvectlAndNmcliCaptures() throws IOException {
        List<Path> files = new ArrayList<>(captures("resolvectl-status--"));
        files.addAll(captures("nmcli-t-dev-show--"));
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            var links = p.getFileName().toString().startsWith("resolvectl")
                    ? DiagnosisLinks.parseResolvectl(text) : DiagnosisLinks.parseNmcli(text);
            assertThat(links).isNotEmpty();
            links.values().forEach(list -> list.forEach(server ->
                    Addresses.parseLiteral(server.replaceAll("#.*$", "").replaceAll("%.*$", ""))));
            long named = text.lines().filter(l -> l.contains("DNS Server") || l.startsWith("IP4.DNS") || l.startsWith("IP6.DNS")).count();
            assertThat(links.values().stream().mapToInt(List::size).sum() > 0).isEqualTo(named > 0);
        }));
    }
}
