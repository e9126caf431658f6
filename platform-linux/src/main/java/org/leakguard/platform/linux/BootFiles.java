package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.host.Files;

/**
 * The files that bring leakguard's firewall back at boot, as they are now, and the evidence for
 * how the host loads its own nft rules.
 *
 * @param contents each managed path's text, or null when it does not exist
 * @param nftConf the host's nftables.conf that its enabled nftables.service loads, or null
 * @param nftConfText that file's text (null when {@code nftConf} is null)
 * @param systemdRuns whether systemd is the running init, so it must re-read changed units
 */
record BootFiles(Map<String, String> contents, String nftConf, String nftConfText, boolean systemdRuns) {
    static final String NFT_FILE = "/etc/leakguard/leakguard.nft";
    static final String UNIT = "/etc/systemd/system/leakguard-firewall.service";
    static final String DROP_IN = "/etc/systemd/system/sysinit.target.d/leakguard-firewall.conf";

    /** Debian's and Fedora/RHEL's file, each loaded by the distribution's nftables.service. */
    static final List<String> NFT_CONFS = List.of("/etc/nftables.conf", "/etc/sysconfig/nftables.conf");

    /** Debian enables nftables.service into sysinit.target, Fedora/RHEL into multi-user.target. */
    static final List<String> NFT_SERVICE_LINKS = List.of(
            "/etc/systemd/system/sysinit.target.wants/nftables.service",
            "/etc/systemd/system/multi-user.target.wants/nftables.service");

    static final String ROUTES4_FILE = "/etc/leakguard/leakguard.iprules4";
    static final String ROUTES6_FILE = "/etc/leakguard/leakguard.iprules6";

    static final List<String> MANAGED = List.of(NFT_FILE, IptablesFamily.V4.bootFile(), IptablesFamily.V6.bootFile(),
            ROUTES4_FILE, ROUTES6_FILE, UNIT, DROP_IN);

    static String routesFile(boolean v6) {
        return v6 ? ROUTES6_FILE : ROUTES4_FILE;
    }

    BootFiles {
        contents = Collections.unmodifiableMap(new LinkedHashMap<>(contents));
    }

    /** Whether the host loads nftables.conf at boot, so leakguard's file belongs included there. */
    boolean hostUsesNftablesConf() {
        return nftConf != null;
    }

    /** {@code /run/systemd/system} exists exactly when systemd is the running init (sd_booted). */
    static BootFiles read(Files files, boolean online) throws IOException {
        boolean systemd = online && files.exists("/run/systemd/system");
        Map<String, String> contents = new LinkedHashMap<>();
        for (String path : MANAGED) {
            contents.put(path, files.readString(path).orElse(null));
        }
        boolean enabled = false;
        for (String link : NFT_SERVICE_LINKS) {
            enabled |= files.linkTarget(link).isPresent() || files.exists(link);
        }
        if (enabled) {
            for (String conf : NFT_CONFS) {
                var text = files.readString(conf);
                if (text.isPresent()) {
                    return new BootFiles(contents, conf, text.get(), systemd);
                }
            }
        }
        return new BootFiles(contents, null, null, systemd);
    }
}
