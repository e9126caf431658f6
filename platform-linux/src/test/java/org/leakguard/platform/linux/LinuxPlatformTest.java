package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Browsers;
import org.leakguard.agent.policy.Containers;
import org.leakguard.agent.policy.DockerDns;
import org.leakguard.agent.policy.PublicDoh;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Platform;
import org.leakguard.agent.spi.Status;

class LinuxPlatformTest {

    @Test
    void foundByServiceLoaderWithItsControlsInOrder() {
        Platform linux = ServiceLoader.load(Platform.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("linux")).findFirst().orElseThrow();
        assertThat(linux.controls()).extracting(Control::id)
                .containsExactly("resolvers", "ipv6", "firewall", "browsers", "containers", "smartNameResolution");
    }

    @SuppressWarnings("unchecked")
    private static Control<Object> control(String id) {
        return (Control<Object>) new LinuxPlatform().controls().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow();
    }

    @Test
    void declinesOtherSystemsSayingWhy() {
        LinuxPlatform p = new LinuxPlatform();
        assertThat(p.unavailabilityCause(new HostInfo("h", "Linux", "6.1"))).isEmpty();
        assertThat(p.unavailabilityCause(new HostInfo("h", "Windows 11", "10.0"))).get().asString().contains("Windows 11");
    }

    @Test
    void smartNameResolutionIsWindowsOnly() throws Exception {
        Control<Object> smart = control("smartNameResolution");
        Spec spec = new Spec(null, Toggle.DISABLE, null, null, null, null);
        assertThat(smart.governs(spec)).isTrue();
        assertThat(smart.governs(Spec.EMPTY)).isFalse();
        assertThat(smart.plan(spec, null).status()).isEqualTo(Status.NOT_APPLICABLE);
    }

    @Test
    void browserDohIsEnforcedUnlessUnmanaged() {
        Control<Object> browsers = control("browsers");
        assertThat(browsers).isInstanceOf(BrowsersControl.class);
        assertThat(browsers.governs(browsers(BrowserDoh.OFF))).isTrue();
        assertThat(browsers.governs(browsers(BrowserDoh.RESOLVER))).isTrue();
        assertThat(browsers.governs(browsers(BrowserDoh.UNMANAGED))).isFalse();
        assertThat(browsers.governs(Spec.EMPTY)).isFalse();
    }

    @Test
    void dockerDnsIsEnforcedWhenPinned() {
        Control<Object> containers = control("containers");
        assertThat(containers).isInstanceOf(DockerDnsControl.class);
        assertThat(containers.governs(containers(DockerDns.PIN))).isTrue();
        assertThat(containers.governs(containers(DockerDns.UNMANAGED))).isFalse();
        assertThat(containers.governs(Spec.EMPTY)).isFalse();
    }

    private static Spec browsers(BrowserDoh doh) {
        return new Spec(null, null, null, null, new Browsers(doh), null);
    }

    private static Spec containers(DockerDns dns) {
        return new Spec(null, null, null, null, null, null, new Containers(dns), null);
    }

    @Test
    void publicDohListIsDistinctAndCoversTheNamedProviders() {
        List<InetAddress> all = PublicDoh.addresses();
        assertThat(new HashSet<>(all)).hasSameSizeAs(all);
        assertThat(all).contains(Specs.ip("1.1.1.1"), Specs.ip("2606:4700:4700::1111"), Specs.ip("8.8.8.8"),
                Specs.ip("9.9.9.9"), Specs.ip("208.67.222.222"), Specs.ip("94.140.14.14"), Specs.ip("194.242.2.2"),
                Specs.ip("45.90.28.0"), Specs.ip("185.228.168.9"), Specs.ip("2a0d:2a00:1::2"));
    }
}
