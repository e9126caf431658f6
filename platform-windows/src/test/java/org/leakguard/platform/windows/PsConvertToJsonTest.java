package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.CommandResult;

/**
 * The fakes print what Windows PowerShell 5.1's ConvertTo-Json would, from the state they keep, not
 * the product's own rendering: the product's readers meet that shape, escapes and all.
 */
class PsConvertToJsonTest {
    private final FakeWindows win = new FakeWindows();

    private String raw(String script, JsonNode in) throws Exception {
        CommandResult r = win.commands.run(PowerShell.command(FakeWindows.POWERSHELL, script, in));
        assertThat(r.ok()).as(r.stderr()).isTrue();
        return r.stdout();
    }

    @Test
    void anArrayGivenWithInputObjectStaysAnArrayEvenWithOneItem() {
        assertThat(PsConvertToJson.of("ConvertTo-Json -Compress -Depth 6 -InputObject $r")
                .print(List.of(PsConvertToJson.ordered("name", "a", "ports", List.of("53"))))).isEqualTo("[{\"name\":\"a\",\"ports\":[\"53\"]}]");
    }

    @Test
    void anEnumNotCastToStringPrintsAsItsNumber() {
        assertThat(PsConvertToJson.of("").print(PsConvertToJson.ordered("direction", FakeRule.Direction.Outbound, "action",
                FakeRule.Action.Block, "enabled", FakeRule.Enabled.True))).isEqualTo("{\"direction\":2,\"action\":4,\"enabled\":1}");
    }

    @Test
    void pastTheDefaultDepthOfTwoObjectsBecomeTheirTypeName() {
        Object deep = PsConvertToJson.ordered("servers", List.of(PsConvertToJson.ordered("a", PsConvertToJson.ordered("b", 1))));

        assertThat(PsConvertToJson.of("ConvertTo-Json -Compress -InputObject $x").print(deep))
                .isEqualTo("{\"servers\":[{\"a\":\"System.Collections.Specialized.OrderedDictionary\"}]}");
        assertThat(PsConvertToJson.of("ConvertTo-Json -Compress -Depth 4 -InputObject $x").print(deep))
                .isEqualTo("{\"servers\":[{\"a\":{\"b\":1}}]}");
    }

    /** 5.1 escapes & ' < >: a template with a query string comes back as \u0026 and still reads as written. */
    @Test
    void aDohTemplateComesBackEscapedAndReadsTheSame() throws Exception {
        String template = "https://dns.corp.example/dns-query?client=a&tag='x'";
        new DohEntry("203.0.113.53", template, true, false).change("test").apply(win.host());
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject").put("server", "203.0.113.53");

        String printed = raw(Scripts.DOH_READ, in);

        assertThat(printed).contains("\\u0026", "\\u0027").doesNotContain("&");
        assertThat(DohEntry.parse(PowerShell.parse(printed))).containsExactly(new DohEntry("203.0.113.53", template, true, false));
    }

    /**
     * A rule is stored as the cmdlets hold it and printed by the read's projection: one rule is a
     * one-item array, enums by name through [string], a one-address range as the address.
     */
    @Test
    void aFirewallRuleIsPrintedByTheReadNotEchoedFromTheWrite() throws Exception {
        List<Change> changes = new FirewallControl().plan(Specs.firewall("203.0.113.53"), FirewallControl.read(win.host())).changes();
        changes.get(0).apply(win.host());
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject").put("group", FirewallRules.GROUP).put("name", "leakguard-dns-udp");

        String printed = raw(Scripts.FIREWALL_RULE_READ, in);

        assertThat(printed).startsWith("[{\"name\":\"leakguard-dns-udp\"").contains("\"direction\":\"Outbound\"", "\"action\":\"Block\"",
                "\"enabled\":\"True\"", "\"remotePort\":[\"53\"]");
        assertThat(win.fw.persistent.get(0).direction()).isEqualTo(FakeRule.Direction.Outbound);
    }

    /** What New-NetFirewallRule could not bind (a direction no enum has) fails as PowerShell does, exit 1. */
    @Test
    void aValueTheCmdletCannotBindIsRefused() throws Exception {
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject").put("group", FirewallRules.GROUP).put("name", "x");
        in.putArray("state").addObject().put("name", "x").put("displayName", "x").put("direction", "Out").put("action", "Block")
                .put("enabled", "True").put("protocol", "UDP");

        CommandResult r = win.commands.run(PowerShell.command(FakeWindows.POWERSHELL, Scripts.FIREWALL_RULE_REPLACE, in));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("Cannot bind parameter 'Direction'");
        assertThat(win.fw.persistent).isEmpty();
    }
}
