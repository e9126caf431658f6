package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.Host;

/**
 * One server on the Windows DoH list: lookups to {@code server} go over HTTPS to {@code template}.
 * Read with {@code Get-DnsClientDohServerAddress} through ConvertTo-Json (property names and
 * booleans, the same in every display language), never from netsh's localized text.
 *
 * @param autoUpgrade every lookup to the server is encrypted
 * @param udpFallback plain DNS is allowed when DoH fails
 */
record DohEntry(String server, String template, boolean autoUpgrade, boolean udpFallback) {

    /** The list, or empty when this Windows has no DoH client (no Get-DnsClientDohServerAddress). */
    static Optional<List<DohEntry>> read(Host host) throws IOException {
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject");
        return parseList(PowerShell.parse(PowerShell.run(host, Scripts.DOH_LIST, in)));
    }

    /** Parses {@link Scripts#DOH_LIST}: {@code {"client":true,"servers":[...]}}. */
    static Optional<List<DohEntry>> parseList(JsonNode printed) throws IOException {
        if (!printed.path("client").isBoolean()) {
            throw new IOException("the DoH list read printed no client field: " + printed);
        }
        return printed.path("client").asBoolean() ? Optional.of(parse(printed.get("servers"))) : Optional.empty();
    }

    /** Entries as {@link Scripts#DOH_READ} prints them; a server is printed in its short form. */
    static List<DohEntry> parse(JsonNode items) {
        List<DohEntry> out = new ArrayList<>();
        for (JsonNode n : PsJson.items(items)) {
            out.add(new DohEntry(Ip.text(Ip.parse(PsJson.text(n, "server"))), PsJson.text(n, "template"),
                    n.path("autoUpgrade").asBoolean(false), n.path("udpFallback").asBoolean(false)));
        }
        return out;
    }

    static Optional<DohEntry> find(List<DohEntry> list, String server) {
        return list.stream().filter(e -> e.server().equals(server)).findFirst();
    }

    /** The form {@link Scripts#DOH_READ} prints, which {@link Scripts#DOH_REPLACE} takes. */
    ArrayNode render() {
        ArrayNode out = PowerShell.JSON.createArrayNode();
        out.addObject().put("server", server).put("template", template).put("autoUpgrade", autoUpgrade).put("udpFallback", udpFallback);
        return out;
    }

    /** A change that makes the server's entry this one; undo restores or removes it. */
    ScriptState change(String why) {
        return new ScriptState(ScriptKind.DOH_SERVER, "DoH entry for " + server,
                PowerShell.JSON.createObjectNode().put("server", server).toString(), render().toString(),
                "encrypt lookups to " + server + " with " + template + " (auto-upgrade " + (autoUpgrade ? "yes" : "no")
                + ", UDP fallback " + (udpFallback ? "yes" : "no") + "): " + why);
    }
}
