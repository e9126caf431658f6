package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.DeleteFile;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.policy.Route;
import org.leakguard.agent.spi.Finding;

/** Routed domains as /etc/resolver files, judged against real scutil --dns output. Pure. */
class SplitDnsTest {
    static final Route CORP = new Route(List.of("corp.example", "corp.internal"), Specs.ips("192.0.2.53", "2001:db8::53"));
    /** The capture's resolver #9: an /etc/resolver/lab.dev file asking 127.0.0.1 on port 53. */
    static final String UTUN = Captures.captured("scutil-dns--vpn-utun-supplemental-etc-resolver-trimmed.txt");

    final List<Finding> findings = new ArrayList<>();

    @Test
    void eachDomainGetsAFileOfNameserverLinesOnly() {
        List<ResolverFile> files = SplitDns.wanted(List.of(CORP), findings);

        assertThat(files).extracting(ResolverFile::path).containsExactly("/etc/resolver/corp.example", "/etc/resolver/corp.internal");
        assertThat(files.get(0).text()).isEqualTo("# leakguard: names under corp.example go only to these servers;"
                + " generated, removed on rollback\nnameserver 192.0.2.53\nnameserver 2001:db8::53\n");
        assertThat(findings).isEmpty();
    }

    @Test
    void configdReadsThreeNameserversSoTheFourthIsNamedAndLeftOut() {
        Route four = new Route(List.of("corp.example"), Specs.ips("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"));
        ResolverFile file = SplitDns.wanted(List.of(four), findings).get(0);

        assertThat(file.text()).doesNotContain("192.0.2.4").contains("nameserver 192.0.2.3");
        assertThat(FakeConfigd.flatfile("corp.example", file.text()).nameservers()).hasSize(3);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).contains("at most 3", "192.0.2.4 will not be asked");
        });
    }

    @Test
    void aDomainThatCannotNameAFileIsRefusedBeforeAnyPathIsBuilt() {
        Route bad = new Route(List.of("../../Library/LaunchDaemons/x", "ok.example"), Specs.ips("192.0.2.53"));

        assertThat(SplitDns.wanted(List.of(bad), findings)).extracting(ResolverFile::domain).containsExactly("ok.example");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(f.message()).contains("\"../../library/launchdaemons/x\" is not a domain name", "/etc/resolver");
        });
    }

    @Test
    void anAdminsFileIsReplacedWithAWarningAndOursForADroppedRouteIsRemoved() {
        List<ResolverFile> wanted = SplitDns.wanted(List.of(CORP), findings);
        String stale = "# leakguard: names under old.example go only to these servers; generated, removed on rollback\n"
                + "nameserver 192.0.2.9\n";
        Map<String, String> present = Map.of("corp.example", "nameserver 10.0.0.1\n", "corp.internal", wanted.get(1).text(),
                "old.example", stale, "lab.example", "nameserver 127.0.0.1\nport 5353\n");

        List<Change> changes = SplitDns.changes(wanted, present, findings);

        assertThat(changes).hasSize(2);
        assertThat(changes.get(0)).isInstanceOfSatisfying(WriteFile.class, w -> {
            assertThat(w.path()).isEqualTo("/etc/resolver/corp.example");
            assertThat(w.summary()).contains("replaces a file leakguard did not write, which rollback puts back");
        });
        assertThat(changes.get(1)).isEqualTo(new DeleteFile("/etc/resolver/old.example", "old.example is no longer routed by the policy"));
        assertThat(findings).extracting(Finding::message).singleElement().asString()
                .contains("/etc/resolver/corp.example exists and was not written by leakguard");
    }

    @Test
    void theCapturedEtcResolverFileIsJudgedByItsServers() {
        List<DnsResolver> resolvers = ScutilDns.parse(UTUN);
        List<ResolverFile> same = SplitDns.wanted(List.of(new Route(List.of("lab.dev"), Specs.ips("127.0.0.1"))), findings);
        List<ResolverFile> other = SplitDns.wanted(List.of(new Route(List.of("LAB.dev."), Specs.ips("192.0.2.53"))), findings);

        assertThat(SplitDns.judge(same, resolvers, false, findings)).isFalse();
        assertThat(findings).extracting(Finding::message).containsExactly("routed: scutil --dns resolver #9 (lab.dev): 127.0.0.1");
        assertThat(SplitDns.routed(resolvers.get(3), same)).isTrue();

        findings.clear();
        assertThat(SplitDns.judge(other, resolvers, false, findings)).isTrue();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(f.message()).contains("resolvers.routes lab.dev: scutil --dns resolver #9 (lab.dev): 127.0.0.1,"
                    + " not only the route's servers 192.0.2.53");
        });
        assertThat(SplitDns.routed(resolvers.get(3), other)).isFalse();
    }

    @Test
    void aRoutedDomainScutilDoesNotListGoesToTheDefaultResolversAndSaysSo() {
        List<ResolverFile> corp = SplitDns.wanted(List.of(CORP), findings);

        assertThat(SplitDns.judge(corp, ScutilDns.parse(UTUN), true, findings)).isTrue();
        assertThat(findings).hasSize(2).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).contains("scutil --dns lists no resolver for it", "(judged again after the changes)");
        });
    }

    @Test
    void aVpnResolverForANameUnderTheRouteCountsAsAnotherServer() {
        String text = UTUN.replace("DNS configuration (for scoped queries)", "resolver #10\n  domain   : eng.lab.dev\n"
                + "  nameserver[0] : 198.51.100.77\n  if_index : 23 (utun5)\n  flags    : Supplemental, Request A records\n\n"
                + "DNS configuration (for scoped queries)");
        List<ResolverFile> lab = SplitDns.wanted(List.of(new Route(List.of("lab.dev"), Specs.ips("127.0.0.1"))), findings);

        assertThat(SplitDns.judge(lab, ScutilDns.parse(text), false, findings)).isTrue();
        assertThat(findings).singleElement().extracting(Finding::message).asString()
                .contains("resolver #10 (eng.lab.dev) on utun5: 198.51.100.77");
    }
}
