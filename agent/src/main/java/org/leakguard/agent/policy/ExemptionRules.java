package org.leakguard.agent.policy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code firewall.exceptions} and {@code firewall.portal} must satisfy. Exception values
 * end up in nft and pf rules and in PowerShell arguments, so only plain forms pass.
 */
final class ExemptionRules {
    private static final String KEY = "spec.firewall.exceptions";
    /** POSIX portable user names (as useradd accepts them), or a uid written without leading zeros. */
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}|0|[1-9][0-9]{0,9}");
    /** The highest uid; (uid_t) -1 means "no user" to the kernel. */
    private static final long MAX_UID = 4_294_967_294L;
    /**
     * The accounts, units and programs that send DNS for every other program: a local stub or
     * forwarder. Exempting one exempts every lookup on the host.
     */
    private static final Set<String> RESOLVER_USERS = Set.of("systemd-resolve", "systemd-resolved", "_mdnsresponder",
            "dnsmasq", "unbound", "named", "bind", "knot-resolver", "pdns", "pdns-recursor", "stubby", "dnscrypt-proxy");
    private static final Set<String> RESOLVER_UNITS = Set.of("systemd-resolved.service", "dnsmasq.service", "unbound.service",
            "named.service", "bind9.service", "kresd.service", "pdns-recursor.service", "stubby.service",
            "dnscrypt-proxy.service", "NetworkManager.service");
    /**
     * Unit and slice names, with systemd's {@code \xNN} escapes (an instance of
     * {@code openvpn-client@.service} sits under {@code system-openvpn\x2dclient.slice}); no quote, no space.
     */
    private static final Pattern CGROUP_PART = Pattern.compile("([A-Za-z0-9_@:.+-]|\\\\x[0-9a-f]{2}){1,255}");
    private static final Pattern PROGRAM = Pattern.compile(
            "[A-Za-z]:\\\\([^<>:\"/\\\\|?*\\x00-\\x1f]+\\\\)*[^<>:\"/\\\\|?*\\x00-\\x1f]+\\.[Ee][Xx][Ee]");

    private ExemptionRules() {}

    static void check(List<Exemption> exceptions) {
        for (int i = 0; i < exceptions.size(); i++) {
            exemption(KEY + "[" + i + "]", exceptions.get(i));
            for (int j = 0; j < i; j++) {
                if (same(exceptions.get(j), exceptions.get(i))) {
                    throw new InvalidSetting(KEY + "[" + i + "]", exceptions.get(i).shown() + " is listed twice (as "
                            + KEY + "[" + j + "] too); list each once");
                }
            }
        }
    }

    /** Windows paths are the same program whatever their case. */
    private static boolean same(Exemption a, Exemption b) {
        return a.kind() == b.kind() && (a.kind() == Exemption.Kind.PROGRAM
                ? a.program().equalsIgnoreCase(b.program()) : a.value().equals(b.value()));
    }

    private static void exemption(String key, Exemption e) {
        int set = (e.user() == null ? 0 : 1) + (e.cgroup() == null ? 0 : 1) + (e.program() == null ? 0 : 1);
        if (set != 1) {
            throw new InvalidSetting(key, (set == 0 ? "names no program" : "names a program in " + set + " ways")
                    + "; give exactly one of user (Linux, macOS), cgroup (Linux) or program (Windows)");
        }
        switch (e.kind()) {
            case USER -> {
                if (!USER.matcher(e.user()).matches()) {
                    throw new InvalidSetting(key + ".user", Checks.quote(e.user()) + " is not a user name; use the"
                            + " account the VPN client runs as, e.g. openvpn, or its numeric uid without leading zeros");
                }
                if (e.user().equals("root") || e.user().equals("0")) {
                    throw new InvalidSetting(key + ".user", "root would exempt nearly every daemon on the host; run the"
                            + " VPN client as an account of its own, or name it by cgroup (Linux) instead");
                }
                if (Character.isDigit(e.user().charAt(0)) && Long.parseLong(e.user()) > MAX_UID) {
                    throw new InvalidSetting(key + ".user", e.user() + " is not a uid; uids run from 1 to " + MAX_UID);
                }
                if (RESOLVER_USERS.contains(e.user())) {
                    throw new InvalidSetting(key + ".user", Checks.quote(e.user()) + " sends DNS for every program on"
                            + " the host, so exempting it exempts them all; name the VPN client's own account instead");
                }
            }
            case CGROUP -> {
                cgroup(key + ".cgroup", e.cgroup());
                String unit = e.cgroup().substring(e.cgroup().lastIndexOf('/') + 1);
                if (RESOLVER_UNITS.contains(unit)) {
                    throw new InvalidSetting(key + ".cgroup", Checks.quote(unit) + " sends DNS for every program on"
                            + " the host, so exempting it exempts them all; name the VPN client's own unit instead");
                }
            }
            case PROGRAM -> {
                // %VAR% would be expanded by the firewall, and .. would name another folder than it reads
                if (!PROGRAM.matcher(e.program()).matches() || e.program().contains("%")
                        || e.program().contains("\\..\\") || e.program().contains("\\.\\")) {
                    throw new InvalidSetting(key + ".program", Checks.quote(e.program()) + " is not a plain absolute path"
                            + " to a program (no %VARIABLES%, no . or .. folders); use e.g."
                            + " 'C:\\Program Files\\OpenVPN\\bin\\openvpn.exe' (single quotes keep the backslashes)");
                }
                if (e.program().toLowerCase(Locale.ROOT).endsWith("\\svchost.exe")) {
                    throw new InvalidSetting(key + ".program", "svchost.exe runs the DNS Client, which sends DNS for every"
                            + " program, so exempting it exempts them all; name the VPN client's own program instead");
                }
            }
        }
    }

    private static void cgroup(String key, String path) {
        String hint = "; use the cgroup v2 path under /sys/fs/cgroup without the leading slash, e.g."
                + " system.slice/openvpn-client@corp.service";
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new InvalidSetting(key, Checks.quote(path) + " is not a relative cgroup path" + hint);
        }
        for (String part : path.split("/", -1)) {
            if (part.equals(".") || part.equals("..") || !CGROUP_PART.matcher(part).matches()) {
                throw new InvalidSetting(key, Checks.quote(path) + " has a part " + Checks.quote(part)
                        + " that is not a plain unit or slice name" + hint);
            }
        }
    }

    static void portal(Portal p) {
        Duration d = p.maxWindow();
        if (d.compareTo(Portal.LEAST) < 0 || d.compareTo(Portal.MOST) > 0) {
            throw new InvalidSetting("spec.firewall.portal.maxWindow", DurationSerializer.format(d)
                    + " is out of range; a login page needs a minute or two, so use 1m to 1h, e.g. 10m");
        }
    }
}
