package org.leakguard.platform.windows;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * {@code resolvers.encryption: dot} on Windows. Only netsh sets DNS over TLS ({@code netsh dnsclient
 * add encryption server=<ip> dothost=<name>:<port>}, {@code add global dot=yes}; learn.microsoft.com
 * netsh-dnsclient), and it prints its state only as localized text. leakguard runs netsh by its
 * absolute path with validated values for each pinned server that has no DoT entry, and reads the
 * result back from the registry ({@link DotEntry}: a place inferred from the DNS client's code, not
 * documented). The global {@code dot=} switch is stored nowhere known, so it is not written (no
 * exact undo) and stays unknown: the verdict is never compliant. Below build 25158 DoT is not
 * supported; a group policy that blocks it wins over everything.
 */
final class DotPlan {
    /** The first build with the DoT client: Insider 25158 (Microsoft networking blog, 2022-07); GA unconfirmed. */
    static final long FIRST_BUILD = 25158;
    static final String BUILD = "CurrentBuild";
    /** What netsh's dothost= takes: a DNS name (no spaces, no '=', nothing netsh would read as another argument). */
    private static final Pattern HOST = Pattern.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*"
            + "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private DotPlan() {}

    /**
     * The verdict for {@code want} on a Windows whose build number the registry gives ({@code build}),
     * with the group-policy values, each pinned server's DoT entry, and netsh's absolute path (empty
     * when the Windows folder is unknown).
     */
    static Assessment plan(Resolvers want, Optional<RegValue> build, DohMode mode, Optional<RegValue> dotSetting,
            Map<String, DotEntry> entries, Optional<String> netsh) {
        Optional<String> blocked = mode.dohPolicy().filter(v -> v.type() == RegType.DWORD && v.number() == 1)
                .map(v -> Keys.DNS_POLICY + "\\" + DohMode.POLICY + " = 1 (Prohibit)")
                .or(() -> dotSetting.filter(v -> v.type() == RegType.DWORD && v.number() == 1)
                        .map(v -> Keys.DNS_POLICY + "\\" + DohMode.DOT_SETTING + " = 1 (Block DoT)"));
        if (blocked.isPresent()) {
            return new Assessment(Status.NON_COMPLIANT, List.of(), List.of(Finding.error("encryption: dot: group policy "
                    + blocked.get() + " wins over any DNS over TLS setting: Windows sends every lookup unencrypted. Change \""
                    + DohMode.GPO + "\" in the GPO that sets it")));
        }
        Optional<Long> number = build.filter(v -> v.type() == RegType.SZ).map(RegValue::string).map(String::strip)
                .filter(s -> s.matches("[0-9]{1,9}")).map(Long::parseLong);
        if (number.isEmpty()) {
            return Assessment.unknown("encryption: dot: this Windows build is unknown (" + SystemPrograms.CURRENT_VERSION
                    + "\\" + BUILD + " is " + build.map(RegValue::toString).orElse("absent") + "), so whether it has a DNS over"
                    + " TLS client is unknown; nothing was changed and lookups are not known to be encrypted");
        }
        if (number.get() < FIRST_BUILD) {
            return Assessment.unknown("encryption: dot is not supported on Windows build " + number.get() + ": the DNS over TLS"
                    + " client (netsh dnsclient add encryption ... dothost=) came with Insider build " + FIRST_BUILD
                    + "; netsh would refuse it here, so lookups stay unencrypted. Use encryption: doh on Windows 11 or"
                    + " Server 2022 and later");
        }
        if (netsh.isEmpty()) {
            return Assessment.unknown("encryption: dot: the Windows folder is unknown, so netsh.exe cannot be run by its absolute"
                    + " path; nothing was changed");
        }
        List<Change> changes = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (InetAddress server : want.servers()) {
            DotEntry now = entries.get(Ip.text(server));
            if (now.host().isEmpty()) {
                changes.add(DotServer.of(netsh.get(), server, want.tlsName()));
            } else if (!now.host().get().equals(want.tlsName())) {
                findings.add(Finding.error("encryption: dot: " + DotEntry.key(Ip.text(server)) + " already names DoT host \""
                        + now.host().get() + "\", not " + want.tlsName() + "; leakguard replaces no entry it could not put back"
                        + " exactly: remove it (" + netsh.get() + " dnsclient delete encryption server=" + Ip.text(server)
                        + " protocol=dot) and apply again"));
            }
        }
        findings.add(Finding.warning("encryption: dot: the DNS client's global dot= switch is stored nowhere documented and"
                + " netsh shows it only as localized text, so leakguard neither reads nor writes it; DoT is used only when it is"
                + " on (elevated: " + String.join(" ", globalArgv(netsh.get())) + "). The server entries are read from "
                + Keys.DOH_SERVERS + "\\<server> (DotHost), a place inferred from the DNS client's code and not documented;"
                + " DoT needs Insider build " + FIRST_BUILD + " or later (general availability unconfirmed). Whether lookups are"
                + " encrypted stays unknown"));
        boolean conflict = findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR);
        return new Assessment(changes.isEmpty() && !conflict ? Status.UNKNOWN : Status.NON_COMPLIANT, changes, findings);
    }

    /** {@code netsh dnsclient add global dot=yes}: DoT on for the whole client. */
    static List<String> globalArgv(String netsh) {
        return List.of(netsh, "dnsclient", "add", "global", "dot=yes");
    }

    /** One server over TLS on 853 to {@code host}, every lookup to it upgraded, no plain fallback. */
    static List<String> encryptionArgv(String netsh, InetAddress server, String host) {
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("resolvers.tlsName: \"" + host + "\" is not a DNS name netsh can take as dothost=");
        }
        return List.of(netsh, "dnsclient", "add", "encryption", "server=" + Ip.text(server), "dothost=" + host + ":853",
                "autoupgrade=yes", "udpfallback=no");
    }
}
