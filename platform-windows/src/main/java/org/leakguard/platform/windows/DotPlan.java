package org.leakguard.platform.windows;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * {@code resolvers.encryption: dot} on Windows. Only netsh sets DNS over TLS ({@code netsh dnsclient
 * add encryption server=<ip> dothost=<name>:<port>}, {@code add global dot=yes}; learn.microsoft.com
 * netsh-dnsclient), and nothing reads it back locale-free: there is no
 * {@code Get-DnsClientDotServerAddress}, netsh prints it only as localized text, and where Windows
 * stores it in the registry is not documented anywhere found (the DoH list's
 * {@code Dnscache\Parameters\DohWellKnownServers\<ip>} is known; a DoT value there or elsewhere is
 * unconfirmed). Without a read-back leakguard could neither confirm the change nor undo it exactly,
 * so it writes none: the verdict is unknown (or non-compliant where group policy blocks DoT), never
 * compliant, and names the exact commands, built from validated values, for a person to run.
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
     * with the group-policy values read and netsh's absolute path (empty when the Windows folder is unknown).
     */
    static Assessment plan(Resolvers want, Optional<RegValue> build, DohMode mode, Optional<RegValue> dotSetting,
            Optional<String> netsh) {
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
                    + " TLS client is unknown; lookups are not known to be encrypted");
        }
        if (number.get() < FIRST_BUILD) {
            return Assessment.unknown("encryption: dot is not supported on Windows build " + number.get() + ": the DNS over TLS"
                    + " client (netsh dnsclient add encryption ... dothost=) came with Insider build " + FIRST_BUILD
                    + "; netsh would refuse it here, so lookups stay unencrypted. Use encryption: doh on Windows 11 or"
                    + " Server 2022 and later");
        }
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.warning("encryption: dot: build " + number.get() + " may have Windows' DNS over TLS client"
                + " (Insider build " + FIRST_BUILD + " and later; general availability unconfirmed), but Windows offers no"
                + " locale-free read of it (no cmdlet; netsh prints it only as localized text; its registry location is"
                + " undocumented), so leakguard writes nothing it could neither confirm nor undo exactly. The pinned adapters,"
                + " the NRPT rule and the firewall still apply; whether lookups are encrypted is unknown"));
        netsh.ifPresent(exe -> findings.add(Finding.info("to set it by hand, elevated: " + String.join(" ", globalArgv(exe))
                + "; then per server: " + String.join("; ", want.servers().stream()
                        .map(s -> String.join(" ", encryptionArgv(exe, s, want.tlsName()))).toList()))));
        return new Assessment(Status.UNKNOWN, List.of(), findings);
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
