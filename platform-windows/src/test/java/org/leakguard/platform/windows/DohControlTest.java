package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.policy.DohPolicy;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Windows;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** The DoH list is read with netsh (format: netsh-show-encryption-builtin.txt, see SOURCE.txt). */
class DohControlTest {
    private static final Spec DOH = Specs.spec(Specs.resolvers(Encryption.DOH, "203.0.113.53", "2001:db8::53"));
    private static final String TEMPLATE = "https://dns.corp.example/dns-query";

    private final DohControl control = new DohControl();
    private final FakeWindows win = new FakeWindows();

    @Test
    void eachPinnedServerGoesOnTheListWithoutFallback() throws Exception {
        win.doh.addAll(NetshEncryption.parse(Fixtures.text("netsh-show-encryption-builtin.txt")));
        win.doh.removeIf(e -> e.server().equals("203.0.113.53"));
        win.expectDoh(new DohEntry("203.0.113.53", TEMPLATE, true, false), false)
                .expectDoh(new DohEntry("2001:db8::53", TEMPLATE, true, false), false)
                .expectDohDelete("203.0.113.53").expectDohDelete("2001:db8::53");

        Assessment a = ControlContract.holds(control, DOH, win.host());

        assertThat(a.changes()).extracting(Change::target).containsExactly("DoH entry for 203.0.113.53", "DoH entry for 2001:db8::53");
        assertThat(win.ran()).contains(
                "netsh dnsclient add encryption server=203.0.113.53 dohtemplate=https://dns.corp.example/dns-query autoupgrade=yes udpfallback=no",
                "netsh dnsclient delete encryption server=2001:db8::53");
        assertThat(win.doh).extracting(DohEntry::server).containsExactly("1.1.1.1", "2001:4860:4860::8888");
    }

    @Test
    void aServerAlreadyOnTheListIsSetAndPutBack() throws Exception {
        DohEntry builtIn = new DohEntry("203.0.113.53", "https://old.example/dns-query", false, true);
        win.doh.add(builtIn);
        win.expectDoh(new DohEntry("203.0.113.53", TEMPLATE, true, false), true).expectDoh(builtIn, true);
        Spec one = Specs.spec(Specs.resolvers(Encryption.DOH, "203.0.113.53"));

        ControlContract.holds(control, one, win.host());

        assertThat(win.ran()).contains("netsh dnsclient set encryption server=203.0.113.53 dohtemplate="
                + "https://old.example/dns-query autoupgrade=no udpfallback=yes");
        assertThat(win.doh).containsExactly(builtIn);
    }

    @Test
    void aBuildWithoutTheDohClientIsUnknownNeverCompliant() throws Exception {
        win.dohClient = false;

        Assessment a = control.plan(DOH, control.observe(DOH, win.host()));

        assertThat(a.status()).isEqualTo(Status.UNKNOWN);
        assertThat(a.findings()).extracting(Finding::message).singleElement().asString().contains("not available on this Windows build");
    }

    @Test
    void dotIsReportedNotSilentlyPassed() throws Exception {
        Spec dot = Specs.spec(new org.leakguard.agent.policy.Resolvers(Specs.ips("203.0.113.53"), null, null, true,
                Encryption.DOT, "dns.corp.example", null));

        Assessment a = control.plan(dot, control.observe(dot, win.host()));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).singleElement().extracting(Finding::severity).isEqualTo(Finding.Severity.ERROR);
        assertThat(win.ran()).isEmpty();
    }

    @Test
    void dohPolicyWritesTheDocumentedNumbers() throws Exception {
        win.expectDoh(new DohEntry("203.0.113.53", TEMPLATE, true, false), false).expectDohDelete("203.0.113.53");
        Spec spec = new Spec(Specs.resolvers(Encryption.DOH, "203.0.113.53"), null, null, null, null, null, null, null, null, null,
                new Windows(null, null, DohPolicy.REQUIRE));

        Assessment a = ControlContract.holds(control, spec, win.host());

        assertThat(a.changes()).last().extracting(Change::summary).asString().contains("DoHPolicy=REG_DWORD 0x3");
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("domain-joined"));
        assertThat(DohControl.policyValue(DohPolicy.PROHIBIT)).isEqualTo(1);
        assertThat(DohControl.policyValue(DohPolicy.ALLOW)).isEqualTo(2);
        assertThat(win.registry.keyExists(Keys.DNS_POLICY)).isFalse();
    }

    @Test
    void templateExpressionsAreDropped() {
        assertThat(DohControl.template("https://dns.corp.example/dns-query{?dns}")).isEqualTo(TEMPLATE);
    }
}
