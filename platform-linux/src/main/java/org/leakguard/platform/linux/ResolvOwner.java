package org.leakguard.platform.linux;

/** Who writes /etc/resolv.conf, as far as its link target and header comments tell. */
enum ResolvOwner {
    ABSENT("nobody: the file does not exist"),
    PLAIN("a plain file no known manager claims"),
    LEAKGUARD("leakguard"),
    NETWORK_MANAGER("NetworkManager"),
    RESOLVCONF("resolvconf/openresolv"),
    DHCLIENT("dhclient (dhclient-script)"),
    SYSTEMD_RESOLVED("systemd-resolved"),
    WSL("WSL, which regenerates it at start unless /etc/wsl.conf sets generateResolvConf = false");

    private final String label;

    ResolvOwner(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
