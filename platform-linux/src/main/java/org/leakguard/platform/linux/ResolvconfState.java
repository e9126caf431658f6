package org.leakguard.platform.linux;

/**
 * What was read about resolvconf.
 *
 * @param flavor which implementation the evidence points to
 * @param installed whether its program or configuration is on disk, not only named in a file header
 * @param evidence what decided the flavor, for messages
 * @param openresolvConf /etc/resolvconf.conf, or null when absent
 */
record ResolvconfState(ResolvconfFlavor flavor, boolean installed, String evidence, String openresolvConf) {

    static final ResolvconfState NONE = new ResolvconfState(ResolvconfFlavor.NONE, false, "no resolvconf found", null);
}
