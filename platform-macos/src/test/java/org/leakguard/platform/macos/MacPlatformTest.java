package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Platform;
import org.leakguard.agent.spi.Profile;

class MacPlatformTest {
    final MacPlatform mac = new MacPlatform();

    @TempDir
    Path root;

    @Test
    void servesMacsAndSaysWhyItDeclinesAnythingElse() {
        assertThat(mac.unavailabilityCause(MacHosts.MAC)).isEmpty();
        assertThat(mac.unavailabilityCause(new HostInfo("h", "Linux", "6.1")))
                .contains("the host is not macOS (os.name is \"Linux\")");
        assertThat(ServiceLoader.load(Platform.class).stream().map(p -> p.type().getName()))
                .contains(MacPlatform.class.getName());
        assertThat(mac.controls()).extracting(Control::id)
                .containsExactly("resolvers", "ipv6", "firewall", "browsers", "privateRelay", "smartNameResolution", "containers");
    }

    /** The journal reads every macOS change and before-image back as it wrote them. */
    @Test
    void everyChangeAndImageRoundTripsThroughTheJournalMapper() throws Exception {
        ObjectMapper journal = new ObjectMapper();
        journal.registerSubtypes(mac.journalTypes().toArray(Class<?>[]::new));
        List<Change> changes = List.of(
                new SetServiceList(ServiceSetting.DNS_SERVERS, "Wi-Fi; rm -rf /", List.of("203.0.113.53"), "pin"),
                new SetIpv6Off("Ethernet", "off"),
                new LoadAnchor("pass all\n", "rules"),
                new EnablePf(LaunchDaemon.TOKEN, "enable"),
                new KeepPfToken(LaunchDaemon.TOKEN, "journal it"),
                new ReleasePf(List.of("42", "7"), LaunchDaemon.TOKEN, "no rules left"),
                new KillStates(List.of("192.0.2.1", "2001:db8::1"), "old flows"));
        for (Change c : changes) {
            String text = journal.writerFor(Change.class).writeValueAsString(c);
            assertThat(journal.readValue(text, Change.class)).as(text).isEqualTo(c);
        }
        List<BeforeImage> images = List.of(new ServiceListImage(List.of()), new ServiceListImage(List.of("198.51.100.1")),
                new Ipv6Setting(Ipv6Mode.MANUAL, "2001:db8:1::20", "64", "2001:db8:1::1"),
                new AnchorImage(List.of(), java.util.Map.of()), new AnchorImage(List.of("pass all"),
                        java.util.Map.of(PfRuleset.OK, List.of("192.0.2.53"))), new PfToken("18446743525445205896"), new PfToken(null));
        for (BeforeImage i : images) {
            String text = journal.writerFor(BeforeImage.class).writeValueAsString(i);
            assertThat(journal.readValue(text, BeforeImage.class)).as(text).isEqualTo(i);
        }
        assertThat(journal.writerFor(Change.class).writeValueAsString(changes.get(0))).contains("\"kind\":\"macos-service-list\"");
    }

    @Test
    void resolversInUseComeFromScutilWithoutMdnsOrLoopback() {
        ScriptedCommands c = new ScriptedCommands()
                .ok(Captures.text("scutil-dns--none.txt") + "\nresolver #3\n  domain   : lab.dev\n  nameserver[0] : 127.0.0.1\n",
                        "scutil", "--dns");
        assertThat(Ips.texts(mac.resolversInUse(MacHosts.online(root, c)))).containsExactly("203.0.113.53");
    }

    @Test
    void diagnoseNamesUnpinnedServicesThePerDomainRoutingAndSupplementalResolvers() {
        ScriptedCommands c = MacHosts.asRoot(new ScriptedCommands());
        new FakeNetworksetup(c).service("Wi-Fi", true, List.of(), ResolversControlTest.AUTO)
                .service("Ethernet", true, List.of("203.0.113.53"), ResolversControlTest.AUTO);
        c.ok(Captures.text("scutil-dns--vpn-supplemental.txt"), "scutil", "--dns");
        c.ok(Captures.text("profiles-show--restrictions-private-relay-allowed.xml"), PrivateRelay.SHOW.toArray(String[]::new));

        List<Diagnosis> d = mac.diagnose(MacHosts.online(root, c));

        assertThat(d).extracting(Diagnosis::topic).containsExactly("services", "resolvers", "per-domain routing",
                "supplemental resolvers", "private relay");
        assertThat(d.get(4).severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(d.get(0).severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(d.get(0).summary()).contains("Wi-Fi").doesNotContain("Ethernet");
        assertThat(d.get(2).summary()).contains("lab.example");
        assertThat(d.get(2).evidence()).containsExactly("lab.example -> 127.0.0.1 (resolver #9, an /etc/resolver file)");
        assertThat(d.get(3).evidence()).containsExactly("resolver #1 on utun4: 2001:db8:ffff::53, 192.0.2.153");
    }

    @Test
    void theProfileIsOfferedForExportWithWhatTheAdminMustDo() {
        Profile p = mac.profile(Specs.profileDoh()).orElseThrow();
        assertThat(p.fileName()).isEqualTo("leakguard-dns.mobileconfig");
        assertThat(p.content()).isEqualTo(Captures.text("profile-doh.golden.mobileconfig"));
        assertThat(p.notes()).anySatisfy(n -> assertThat(n).contains("security cms -S"))
                .anySatisfy(n -> assertThat(n).contains("macOS 11 and later", "MDM"));
        assertThat(mac.profile(Specs.pin("203.0.113.53"))).isEmpty();
    }
}
