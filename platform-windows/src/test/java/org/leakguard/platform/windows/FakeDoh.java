package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.CommandResult;

/** The DNS client's encryption: the DoH server list the cmdlets keep, and netsh's DoT entries in the registry. */
final class FakeDoh {
    final List<DohEntry> entries = new ArrayList<>();
    /** False: a build without the DoH client, where the cmdlets and netsh do not know the command. */
    boolean client = true;
    /** False: a build without the DoT client, where netsh does not know dothost=. */
    boolean dotClient = true;
    private final FakeWindows w;

    FakeDoh(FakeWindows w) {
        this.w = w;
        w.on(Scripts.DOH_LIST, in -> client
                ? PsConvertToJson.of(Scripts.DOH_LIST).print(PsConvertToJson.ordered("client", true, "servers",
                        entries.stream().map(FakeDoh::projected).toList()))
                : PsConvertToJson.of(Scripts.DOH_LIST).print(PsConvertToJson.ordered("client", false)));
        w.on(Scripts.DOH_READ, in -> entry(in).map(e -> PsConvertToJson.of(Scripts.DOH_READ).print(List.of(projected(e)))).orElse(""));
        w.on(Scripts.DOH_REPLACE, in -> {
            JsonNode x = PsJson.items(in.get("state")).get(0);
            // -ServerAddress $in.subject.server -DohTemplate $x.template -AutoUpgrade ([bool]$x.autoUpgrade) ...
            DohEntry e = new DohEntry(in.path("subject").path("server").asText(), x.path("template").asText(),
                    psBool(x.get("autoUpgrade")), psBool(x.get("udpFallback")));
            // Set- where the server is listed, Add- where not: either way the list then holds this entry.
            entry(in).ifPresentOrElse(old -> entries.set(entries.indexOf(old), e), () -> entries.add(e));
            return "";
        });
        w.on(Scripts.DOH_REMOVE, in -> {
            entry(in).ifPresent(entries::remove);
            return "";
        });
    }

    /** The read script's projection of one Get-DnsClientDohServerAddress object. */
    private static Object projected(DohEntry e) {
        return PsConvertToJson.ordered("server", e.server(), "template", e.template(), "autoUpgrade", e.autoUpgrade(),
                "udpFallback", e.udpFallback());
    }

    /** PowerShell's [bool] of a value ConvertFrom-Json read: a non-empty string is $true, "false" included. */
    static boolean psBool(JsonNode v) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.isNumber() ? v.asDouble() != 0 : !v.asText().isEmpty();
    }

    private Optional<DohEntry> entry(JsonNode in) {
        return DohEntry.find(entries, Ip.text(Ip.parse(in.path("subject").path("server").asText())));
    }

    /**
     * netsh's DoT commands for one server, changing the registry as the DNS client's
     * WriteDotSettingsRegistry and DotDeleteServerRegistry do (DotFlags, a QWORD, is left out). On a
     * build without DoT netsh exits 1 and changes nothing; its message is not read.
     */
    FakeDoh netshDot(String server, String host) {
        List<String> add = DotPlan.encryptionArgv(FakeWindows.NETSH, Ip.parse(server), host);
        w.commands.on(add, c -> {
            if (!dotClient || !w.registry.keyExists(Keys.DOH_SERVERS)) {
                return new CommandResult(1, "The following command was not found: " + String.join(" ", add.subList(1, add.size()))
                        + ".\r\n", "");
            }
            w.registry.set(DotEntry.key(server), DotEntry.HOST, RegValue.sz(host));
            w.registry.set(DotEntry.key(server), DotEntry.PORT, RegValue.dword(853));
            return new CommandResult(0, "\r\n", "");
        });
        w.commands.on(List.of(FakeWindows.NETSH, "dnsclient", "delete", "encryption", "server=" + server, "protocol=dot"), c -> {
            w.registry.delete(DotEntry.key(server), DotEntry.HOST);
            w.registry.delete(DotEntry.key(server), DotEntry.PORT);
            return new CommandResult(0, "\r\n", "");
        });
        return this;
    }
}
