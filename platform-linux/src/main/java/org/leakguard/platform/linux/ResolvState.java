package org.leakguard.platform.linux;

import java.util.List;

/**
 * What the resolvers control read.
 *
 * @param linkChain each symlink hop from /etc/resolv.conf, normalized; empty when it is no link
 * @param text the content behind the path (through the links), or null when there is none
 * @param dhclientLeases whether dhclient lease files exist, a sign dhclient-script rewrites the file
 * @param dhcpDir whether /etc/dhcp exists
 * @param dhclientConf /etc/dhcp/dhclient.conf, or null when absent
 * @param networkManagerDir whether /etc/NetworkManager exists
 * @param networkManagerConf leakguard's NetworkManager drop-in, or null when absent
 */
record ResolvState(
        List<String> linkChain,
        String text,
        boolean dhclientLeases,
        boolean dhcpDir,
        String dhclientConf,
        boolean networkManagerDir,
        String networkManagerConf) {

    ResolvState {
        linkChain = List.copyOf(linkChain);
    }

    boolean isLink() {
        return !linkChain.isEmpty();
    }

    ResolvOwner owner() {
        return ResolvConf.parseOwner(linkChain, text, dhclientLeases);
    }
}
