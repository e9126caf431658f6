package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.cli.Context;
import org.leakguard.agent.cli.Main;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.probe.Verifier;

/**
 * {@code agent profile export --platform macos} of the shipped VPN policy, run through the real
 * command line on this (non-Mac) host and read back with dd-plist: what plutil -lint checks
 * (a property list that parses) plus what the profile must carry.
 */
class ProfileExportTest {
    static final Path VPN_STRICT = Path.of("").toAbsolutePath().getParent().resolve("policies/vpn-strict.yaml");

    @TempDir
    Path tmp;

    @Test
    void theShippedVpnPolicyExportsDnsSettingsEveryBrowserAndPrivateRelayOff() throws Exception {
        Path out = tmp.resolve("leakguard-dns.mobileconfig");
        StringWriter said = new StringWriter();
        Context linux = new Context(List.of(new MacPlatform()), new HostInfo("builder", "Linux", "6"), c -> {
            throw new java.io.IOException("exporting runs no command");
        }, Verifier.UNAVAILABLE, Clock.systemUTC());

        int code = Main.run(linux, new PrintWriter(said), new PrintWriter(new StringWriter()),
                "profile", "export", VPN_STRICT.toString(), "--out", out.toString(), "--platform", "macos");

        assertThat(code).as(said.toString()).isZero();
        Map<String, Object> root = MobileConfigTest.parse(Files.readString(out));
        assertThat(root).containsEntry("PayloadType", "Configuration").containsKeys("PayloadIdentifier", "PayloadUUID");
        Map<Object, Map<String, Object>> byType = new java.util.LinkedHashMap<>();
        MobileConfigTest.payloads(root).forEach(p -> byType.put(p.get("PayloadType"), p));
        assertThat(byType).containsOnlyKeys("com.apple.dnsSettings.managed", "com.google.Chrome", "com.microsoft.Edge",
                "com.brave.Browser", "org.chromium.Chromium", "org.mozilla.firefox", "com.apple.applicationaccess");
        @SuppressWarnings("unchecked")
        Map<String, Object> dns = (Map<String, Object>) byType.get("com.apple.dnsSettings.managed").get("DNSSettings");
        assertThat(dns).containsEntry("DNSProtocol", "TLS").containsEntry("ServerName", "dns.corp.example");
        assertThat((Object[]) dns.get("ServerAddresses")).containsExactly("203.0.113.53", "2001:db8::53");
        assertThat(byType.get("com.google.Chrome")).containsEntry("DnsOverHttpsMode", "off");
        assertThat(byType.get("org.mozilla.firefox")).containsEntry("EnterprisePoliciesEnabled", true)
                .containsEntry("DNSOverHTTPS", Map.of("Enabled", false, "Locked", true));
        assertThat(byType.get("com.apple.applicationaccess")).containsEntry("allowCloudPrivateRelay", false);
        assertThat(said.toString()).contains("profiles list");
    }
}
