package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.SetKernelValue;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;

/**
 * {@code ipv6: disable}: disable_ipv6 = 1 now (runtime sysctl) and after reboot (sysctl.d), except
 * on loopback unless the policy says {@code ipv6Loopback: disable}: ::1 never leaves the host, and
 * services listening on it (a local resolver, a database) would stop answering.
 */
final class Ipv6Control implements Control<Ipv6State> {
    static final String PROC = "/proc/sys/net/ipv6";
    static final String CONF = PROC + "/conf";
    static final String SYSCTL_FILE = "/etc/sysctl.d/90-leakguard-ipv6.conf";

    /**
     * {@code all} at boot reaches every interface that exists then, {@code default} every later
     * one, so the file needs no interface names (which would change as links come and go).
     */
    static final String SYSCTL_TEXT = "# Managed by leakguard: IPv6 stays off after a reboot (policy ipv6: disable).\n"
            + "net.ipv6.conf.all.disable_ipv6 = 1\n"
            + "net.ipv6.conf.default.disable_ipv6 = 1\n";

    static final String LOOPBACK = "lo";

    /** After {@code all}, which reaches lo too: sysctl.d files apply line by line, in order. */
    static final String SYSCTL_KEEP_LO = "net.ipv6.conf.lo.disable_ipv6 = 0\n";

    static String sysctlText(boolean keepLoopback) {
        return keepLoopback ? SYSCTL_TEXT + SYSCTL_KEEP_LO : SYSCTL_TEXT;
    }

    @Override
    public String id() {
        return "ipv6";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.ipv6() == Toggle.DISABLE;
    }

    @Override
    public Ipv6State observe(Spec spec, Host host) throws IOException {
        String persisted = host.files().readString(SYSCTL_FILE).orElse(null);
        if (host.offline()) {
            return new Ipv6State(true, true, Map.of(), persisted);
        }
        if (!host.files().exists(PROC)) {
            return new Ipv6State(false, false, Map.of(), persisted);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : host.files().list(CONF)) {
            host.files().readString("/proc/sys/" + key(name)).ifPresent(v -> values.put(name, v.strip()));
        }
        return new Ipv6State(false, true, values, persisted);
    }

    @Override
    public Assessment plan(Spec spec, Ipv6State seen) {
        List<Finding> findings = new ArrayList<>();
        warnIpv6Servers(spec, findings);
        if (!seen.kernelHasIpv6()) {
            findings.add(Finding.info("this kernel has no IPv6 (" + PROC + " is absent): nothing to disable"));
            return Assessment.of(List.of(), findings);
        }
        boolean keepLo = spec.keepsIpv6OnLoopback();
        List<Change> changes = new ArrayList<>(runtimeChanges(seen, keepLo));
        if (!changes.isEmpty()) {
            // The kernel drops an interface's IPv6 addresses when disable_ipv6 goes to 1; a rollback
            // brings back link-local and autoconfigured ones, not addresses configured by hand.
            findings.add(Finding.warning("disabling IPv6 removes the interfaces' IPv6 addresses; a rollback re-enables"
                    + " IPv6, but statically configured addresses return only when their network manager re-applies them"));
        }
        if (seen.offline()) {
            findings.add(Finding.info("offline image: only " + SYSCTL_FILE + " is written; it takes effect at boot"));
        }
        if (!sysctlText(keepLo).equals(seen.persisted())) {
            changes.add(WriteFile.text(SYSCTL_FILE, sysctlText(keepLo), 0644, "keep IPv6 disabled after a reboot"
                    + (keepLo ? ", except on loopback" : "")));
        }
        if (changes.isEmpty()) {
            findings.add(Finding.info("disable_ipv6 is 1 for all, default and every interface" + (keepLo ? " but lo" : "")
                    + ", and " + SYSCTL_FILE + " persists it"));
        }
        if (keepLo) {
            findings.add(Finding.info("kept: IPv6 on loopback (lo), so services listening on ::1 keep working"
                    + "; ipv6Loopback: disable turns it off there too"));
        }
        return Assessment.of(changes, findings);
    }

    /**
     * Interfaces first, then default, then all. Writing {@code all} also writes default and every
     * interface, so when {@code all} must change every other key is listed too: undo runs in
     * reverse, {@code all} first, and the later undos put each per-interface value back exactly.
     * Keeping loopback, lo is set back to 0 last, after {@code all} reached it; being listed
     * before {@code all} as well, its first before-image is what undo leaves.
     */
    static List<Change> runtimeChanges(Ipv6State seen, boolean keepLoopback) {
        if (seen.offline()) {
            return List.of();
        }
        boolean allChanges = !"1".equals(seen.values().get("all"));
        List<Change> out = new ArrayList<>();
        seen.values().forEach((name, value) -> {
            boolean kept = keepLoopback && name.equals(LOOPBACK) && !allChanges;
            if (!name.equals("all") && !name.equals("default") && !kept && (allChanges || !"1".equals(value))) {
                out.add(keepLoopback && name.equals(LOOPBACK)
                        ? new SetKernelValue(key(name), "1", "net.ipv6.conf.all below writes it anyway; listed so undo puts lo back exactly")
                        : set(name, allChanges && "1".equals(value)));
            }
        });
        if (seen.values().containsKey("default") && (allChanges || !"1".equals(seen.values().get("default")))) {
            out.add(set("default", allChanges && "1".equals(seen.values().get("default"))));
        }
        if (allChanges) {
            out.add(set("all", false));
        }
        String lo = seen.values().get(LOOPBACK);
        if (keepLoopback && lo != null && (allChanges || "1".equals(lo))) {
            out.add(new SetKernelValue(key(LOOPBACK), "0", "keep IPv6 on loopback: ::1 never leaves the host, and services"
                    + " listening on it keep working"));
        }
        return out;
    }

    private static SetKernelValue set(String name, boolean alreadyOne) {
        String why = alreadyOne
                ? "already 1; listed so undo restores it after net.ipv6.conf.all is put back"
                : "no IPv6 on " + name + ", so no AAAA path around the pinned resolvers";
        return new SetKernelValue(key(name), "1", why);
    }

    /** Slashes, not dots: interface names may hold dots ({@code eth0.100}). */
    static String key(String name) {
        return "net/ipv6/conf/" + name + "/disable_ipv6";
    }

    private static void warnIpv6Servers(Spec spec, List<Finding> findings) {
        if (spec.resolvers() == null) {
            return;
        }
        List<String> v6 = spec.resolvers().servers().stream()
                .filter(Addresses::isV6).map(Addresses::text).toList();
        if (!v6.isEmpty()) {
            findings.add(Finding.warning("resolvers.servers lists IPv6 " + v6
                    + " but ipv6: disable turns IPv6 off, so those servers are unreachable;"
                    + " list IPv4 servers or set ipv6: keep"));
        }
    }
}
