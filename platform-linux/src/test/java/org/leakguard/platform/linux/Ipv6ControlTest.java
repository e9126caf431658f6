package org.leakguard.platform.linux;

import org.leakguard.agent.spi.ControlContract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.SetKernelValue;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** /proc/sys here is an ordinary folder under a temporary root. */
class Ipv6ControlTest {
    private static final Spec DISABLE = Specs.ipv6(Toggle.DISABLE, null);
    static final Spec EVERYWHERE = new Spec(null, null, Toggle.DISABLE, null, null, null, null, null, null, null, null, null,
            Toggle.DISABLE);

    @TempDir
    Path root;

    private final Ipv6Control control = new Ipv6Control();

    private Host host() {
        return TestHosts.online(root, new ScriptedCommands());
    }

    private void value(String name, String v) throws IOException {
        Path p = root.resolve("proc/sys/net/ipv6/conf").resolve(name).resolve("disable_ipv6");
        Files.createDirectories(p.getParent());
        Files.writeString(p, v + "\n");
    }

    private String value(String name) throws IOException {
        return Files.readString(root.resolve("proc/sys/net/ipv6/conf").resolve(name).resolve("disable_ipv6")).strip();
    }

    @Test
    void interfacesThenDefaultThenAllAndTheFile() throws Exception {
        value("all", "0");
        value("default", "0");
        value("eth0", "0");
        value("eth0.100", "0");
        value("lo", "1");
        Assessment a = ControlContract.holds(control, EVERYWHERE, host());
        assertThat(a.changes()).extracting(Change::target).containsExactly(
                "net.ipv6.conf.eth0.disable_ipv6",
                "net.ipv6.conf.eth0.100.disable_ipv6",
                "net.ipv6.conf.lo.disable_ipv6",
                "net.ipv6.conf.default.disable_ipv6",
                "net.ipv6.conf.all.disable_ipv6",
                Ipv6Control.SYSCTL_FILE);
        assertThat(((SetKernelValue) a.changes().get(1)).key()).isEqualTo("net/ipv6/conf/eth0.100/disable_ipv6");
        assertThat(((SetKernelValue) a.changes().get(2)).why()).contains("already 1");
        assertThat(value("lo")).isEqualTo("1");
        assertThat(value("eth0.100")).isEqualTo("0");
        assertThat(root.resolve("etc/sysctl.d/90-leakguard-ipv6.conf")).doesNotExist();
    }

    /** all, default, eth0 and lo at {@code v}. */
    private void everywhere(String v) throws IOException {
        for (String name : List.of("all", "default", "eth0", "lo")) {
            value(name, v);
        }
    }

    @Test
    void loopbackKeepsIpv6UnlessThePolicySaysOtherwise() throws Exception {
        everywhere("0");
        Assessment kept = ControlContract.holds(control, DISABLE, host());
        assertThat(kept.changes()).extracting(Change::target).containsExactly("net.ipv6.conf.eth0.disable_ipv6",
                "net.ipv6.conf.lo.disable_ipv6", "net.ipv6.conf.default.disable_ipv6", "net.ipv6.conf.all.disable_ipv6",
                "net.ipv6.conf.lo.disable_ipv6", Ipv6Control.SYSCTL_FILE);
        assertThat(((SetKernelValue) kept.changes().get(4)).value()).as("lo back on, after all reached it").isEqualTo("0");
        assertThat(((WriteFile) kept.changes().get(5)).text()).endsWith("net.ipv6.conf.lo.disable_ipv6 = 0\n");
        assertThat(kept.findings()).anySatisfy(f -> assertThat(f.message()).startsWith("kept: IPv6 on loopback (lo)"));

        everywhere("1");
        Assessment stays = control.plan(DISABLE, control.observe(DISABLE, host()));
        assertThat(stays.changes()).as("lo turned off by hand is turned back on").extracting(Change::target)
                .containsExactly("net.ipv6.conf.lo.disable_ipv6", Ipv6Control.SYSCTL_FILE);
        everywhere("0");
        Assessment off = ControlContract.holds(control, EVERYWHERE, host());
        assertThat(off.changes()).extracting(Change::target).containsExactly("net.ipv6.conf.eth0.disable_ipv6",
                "net.ipv6.conf.lo.disable_ipv6", "net.ipv6.conf.default.disable_ipv6", "net.ipv6.conf.all.disable_ipv6",
                Ipv6Control.SYSCTL_FILE);
        assertThat(((WriteFile) off.changes().get(4)).text()).isEqualTo(Ipv6Control.SYSCTL_TEXT);
        assertThat(off.findings()).noneSatisfy(f -> assertThat(f.message()).startsWith("kept:"));
    }

    @Test
    void whenAllIsAlreadyOneOnlyTheStragglersChange() throws Exception {
        value("all", "1");
        value("default", "1");
        value("eth0", "0");
        value("wlan0", "1");
        Assessment a = ControlContract.holds(control, DISABLE, host());
        assertThat(a.changes()).extracting(Change::target)
                .containsExactly("net.ipv6.conf.eth0.disable_ipv6", Ipv6Control.SYSCTL_FILE);
    }

    @Test
    void persistedFileUsesAllAndDefault() throws Exception {
        value("all", "1");
        value("default", "1");
        Assessment a = control.plan(DISABLE, control.observe(DISABLE, host()));
        a.changes().get(0).apply(host());
        assertThat(Files.readString(root.resolve("etc/sysctl.d/90-leakguard-ipv6.conf")))
                .endsWith("net.ipv6.conf.all.disable_ipv6 = 1\nnet.ipv6.conf.default.disable_ipv6 = 1\n"
                        + "net.ipv6.conf.lo.disable_ipv6 = 0\n");
        assertThat(control.plan(DISABLE, control.observe(DISABLE, host())).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void offlineWritesOnlyTheFile() throws Exception {
        value("all", "0");
        Assessment a = ControlContract.holds(control, DISABLE, TestHosts.offline(root));
        assertThat(a.changes()).extracting(Change::target).containsExactly(Ipv6Control.SYSCTL_FILE);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("offline image"));
    }

    @Test
    void kernelWithoutIpv6IsCompliant() throws Exception {
        Files.createDirectories(root.resolve("proc/sys/net/ipv4"));
        Assessment a = control.plan(DISABLE, control.observe(DISABLE, host()));
        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings()).singleElement().extracting(Finding::message).asString().contains("no IPv6");
    }

    @Test
    void keepIsNotGoverned() {
        assertThat(control.governs(Specs.ipv6(Toggle.KEEP, null))).isFalse();
        assertThat(control.governs(Spec.EMPTY)).isFalse();
        assertThat(control.governs(DISABLE)).isTrue();
    }

    @Test
    void ipv6ResolverWithIpv6DisabledWarns() throws Exception {
        value("all", "1");
        value("default", "1");
        Spec spec = Specs.ipv6(Toggle.DISABLE, Specs.resolvers(List.of(), true, "192.0.2.53", "2001:db8::53"));
        Assessment a = control.plan(spec, control.observe(spec, host()));
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).contains("2001:db8::53").doesNotContain("192.0.2.53");
        });
    }
}
