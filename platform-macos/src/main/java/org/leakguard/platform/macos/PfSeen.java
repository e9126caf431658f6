package org.leakguard.platform.macos;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * What the firewall control read.
 *
 * @param problem why pf could not be read (then the rest is null and the verdict unknown)
 * @param labels the labels of the anchor's rules, in order
 * @param tables each leakguard table's addresses as pfctl showed them
 * @param references the enable tokens pf holds now
 * @param ourToken the token leakguard's apply kept, or null
 * @param bootToken the last token the LaunchDaemon logged, or null
 * @param mainHasAnchor whether the loaded main ruleset evaluates {@code com.apple/*}
 * @param pfConf /etc/pf.conf, or null when absent
 * @param files leakguard's boot files by path (null when absent)
 * @param inUse the resolvers in use now (scutil), whose states a load kills
 * @param dotProfile with {@code encryption: dot}, whether its profile is installed; null when not
 *     asked or unreadable (then plain DNS to the pinned servers stays open)
 * @param userIds what {@code id -u} said of each exception user name
 */
record PfSeen(String problem, List<String> labels, Map<String, List<String>> tables, List<String> references,
        String ourToken, String bootToken, boolean mainHasAnchor, String pfConf, Map<String, String> files,
        List<InetAddress> inUse, Boolean dotProfile, Map<String, UidLookup> userIds) {

    PfSeen {
        userIds = Map.copyOf(userIds);
    }

    static PfSeen unreadable(String problem) {
        return new PfSeen(problem, List.of(), Map.of(), List.of(), null, null, false, null, Map.of(), List.of(), null,
                Map.of());
    }

    boolean dotInForce() {
        return Boolean.TRUE.equals(dotProfile);
    }

    boolean held() {
        return ourToken != null && references.contains(ourToken) || bootToken != null && references.contains(bootToken);
    }
}
