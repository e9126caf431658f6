package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Over JSON that nft 1.0.6 printed in a sandbox namespace for tables loaded there. */
class NftJsonTest {

    @Test
    void readsSetsChainsAndRuleCommentsOfTheLoadedTable() throws IOException {
        NftTable t = NftJson.parseTable(Fixtures.text("nft/leakguard-standard-nft106.json"), "inet", "leakguard")
                .orElseThrow();
        assertThat(t.comment()).as("nft 1.0.6 leaves table comments out of JSON").isNull();
        assertThat(t.sets()).containsOnlyKeys("dns_ok4", "dns_ok6", "doh4", "doh6");
        NftSet ok4 = t.sets().get("dns_ok4");
        assertThat(ok4.comment()).isEqualTo("leakguard " + WantedTableTest.STANDARD_DIGEST);
        assertThat(ok4.flags()).containsExactly("interval");
        assertThat(TableCheck.text(ok4.elements())).containsExactly("9.9.9.9", "198.51.100.53", "203.0.113.53");
        NftChain out = t.chains().get("output");
        assertThat(out.hook()).isEqualTo("output");
        assertThat(out.prio()).isZero();
        assertThat(out.policy()).isEqualTo("accept");
        assertThat(out.ruleComments()).startsWith("lg:loopback", "lg:dns-ok4").hasSize(13);
        assertThat(t.chains().get("forward").ruleComments()).hasSize(12).doesNotContain("lg:loopback");
    }

    @Test
    void prefixesAndRangesBecomeRanges() throws IOException {
        NftTable t = NftJson.parseTable(Fixtures.text("nft/leakguard-tampered-nft106.json"), "inet", "leakguard")
                .orElseThrow();
        assertThat(TableCheck.text(t.sets().get("dns_ok4").elements())).containsExactly(
                "9.9.9.9", "192.0.2.0-192.0.2.15", "192.0.2.100-192.0.2.109", "198.51.100.53", "203.0.113.53");
        assertThat(t.sets().get("dns_ok6").elements()).isEmpty();
        assertThat(t.chains().get("output").ruleComments()).doesNotContain("lg:dns-udp-reject");
    }

    @Test
    void rulesWithoutCommentsAndOtherTables() throws IOException {
        List<NftTable> all = NftJson.parseTables(Fixtures.text("nft/ruleset-foreign-and-old-leakguard-nft106.json"));
        assertThat(all).extracting(NftTable::name).containsExactly("filter", "leakguard");
        NftTable old = all.get(1);
        assertThat(old.chains().get("output").ruleComments()).containsExactly("", "");
        assertThat(old.sets()).containsOnlyKeys("allowed_resolvers_v6");
    }

    @Test
    void elementsWithOptionsAndNewerTableComments() throws IOException {
        String json = "{\"nftables\": [{\"metainfo\": {\"json_schema_version\": 1}},"
                + "{\"table\": {\"family\": \"inet\", \"name\": \"leakguard\", \"handle\": 1, \"comment\": \"leakguard x\"}},"
                + "{\"set\": {\"family\": \"inet\", \"name\": \"doh6\", \"table\": \"leakguard\", \"type\": \"ipv6_addr\","
                + " \"flags\": [\"interval\"], \"elem\": [{\"elem\": {\"val\": {\"prefix\": {\"addr\": \"2001:db8::\","
                + " \"len\": 126}}, \"comment\": \"x\"}}, \"2001:db8::4\"]}}]}";
        NftTable t = NftJson.parseTable(json, "inet", "leakguard").orElseThrow();
        assertThat(t.comment()).isEqualTo("leakguard x");
        assertThat(TableCheck.text(t.sets().get("doh6").elements())).containsExactly("2001:db8::-2001:db8::4");
    }

    @Test
    void absentTableAndBadOutput() throws IOException {
        assertThat(NftJson.parseTable("{\"nftables\": [{\"metainfo\": {}}]}", "inet", "leakguard")).isEmpty();
        assertThatThrownBy(() -> NftJson.parseTables("{}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> NftJson.parseTables("{\"nftables\": [{\"table\": {\"family\": \"inet\", \"name\": \"t\"}},"
                + "{\"set\": {\"family\": \"inet\", \"table\": \"t\", \"name\": \"s\", \"type\": \"ipv4_addr\","
                + " \"elem\": [\"dns.example\"]}}]}")).isInstanceOf(IOException.class);
    }
}
