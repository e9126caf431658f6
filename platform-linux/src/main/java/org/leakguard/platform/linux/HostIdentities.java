package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.policy.Exemption;
import org.leakguard.agent.policy.Spec;

/**
 * What the host says about the identities the policy's exceptions name: its users' uids (from
 * /etc/passwd, read through the host's files), whether cgroup v2 is mounted where nft looks, and
 * which of the named cgroups exist now.
 *
 * @param uids user name to uid, or null when /etc/passwd could not be read
 * @param cgroupV2 whether /sys/fs/cgroup is a cgroup v2 hierarchy
 * @param cgroups the policy's cgroup paths that exist now
 */
record HostIdentities(Map<String, Long> uids, boolean cgroupV2, Set<String> cgroups) {
    static final HostIdentities NONE = new HostIdentities(Map.of(), false, Set.of());

    HostIdentities {
        uids = uids == null ? null : Map.copyOf(uids);
        cgroups = Set.copyOf(cgroups);
    }

    /** Reads only what the policy's exceptions need: nothing at all when it has none. */
    static HostIdentities read(Spec spec, Files files) throws IOException {
        if (spec.firewall() == null || spec.firewall().exceptions().isEmpty()) {
            return NONE;
        }
        Map<String, Long> uids = files.readString(Passwd.PATH).map(Passwd::uids).orElse(null);
        Set<String> cgroups = new LinkedHashSet<>();
        for (Exemption e : spec.firewall().exceptions()) {
            if (e.kind() == Exemption.Kind.CGROUP && CgroupPaths.nftSafe(e.value())
                    && files.exists(CgroupPaths.folder(e.value()))) {
                cgroups.add(e.value());
            }
        }
        return new HostIdentities(uids, files.exists(CgroupPaths.V2_MARK), cgroups);
    }
}
