package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Name Resolution Policy Table: leakguard's rule and other owners' (a VPN client, DirectAccess). */
final class FakeNrpt {
    /** leakguard's rules, as the read script prints them. */
    ArrayNode rules = PowerShell.JSON.createArrayNode();
    /** NRPT rules of other owners, as Get-DnsClientNrptRule lists them. */
    final List<Map<String, String>> others = new ArrayList<>();

    FakeNrpt(FakeWindows w) {
        w.on(Scripts.NRPT_READ, in -> {
            // Get-DnsClientNrptRule | Where-Object DisplayName -eq $in.subject.name: other owners' rules never show.
            ArrayNode out = rules.deepCopy();
            others.stream().filter(r -> r.getOrDefault("DisplayName", "").equals(in.path("subject").path("name").asText()))
                    .forEach(r -> out.addObject().set("namespace", PowerShell.JSON.valueToTree(PsList.items(r.get("Namespace")))));
            return out.isEmpty() ? "" : out.toString();
        });
        w.on(Scripts.NRPT_REPLACE, in -> {
            rules = PowerShell.JSON.createArrayNode().addAll(PsJson.items(in.get("state")));
            return "";
        });
        w.on(Scripts.NRPT_REMOVE, in -> {
            rules = PowerShell.JSON.createArrayNode();
            return "";
        });
    }
}
