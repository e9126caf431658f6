package org.leakguard.platform.linux;

import java.util.List;

/** iptables for IPv4, ip6tables for IPv6: the same chains, each family its own commands. */
enum IptablesFamily {
    V4("iptables", "icmp-port-unreachable", "/32"),
    V6("ip6tables", "icmp6-port-unreachable", "/128");

    private final String program;
    private final String udpReject;
    private final String hostPrefix;

    IptablesFamily(String program, String udpReject, String hostPrefix) {
        this.program = program;
        this.udpReject = udpReject;
        this.hostPrefix = hostPrefix;
    }

    String program() {
        return program;
    }

    String udpReject() {
        return udpReject;
    }

    String hostPrefix() {
        return hostPrefix;
    }

    boolean v6() {
        return this == V6;
    }

    /** Only the filter table: what leakguard's chains live in, and nothing of nat or mangle. */
    List<String> save() {
        return List.of(program + "-save", "-t", "filter");
    }

    /** {@code --noflush}: the commit touches only what the script names, never other chains. */
    List<String> restore() {
        return List.of(program + "-restore", "-w", "--noflush");
    }

    List<String> restoreFile(String path) {
        return List.of(program + "-restore", "-w", "--noflush", path);
    }

    /** Whether leakguard's OUTPUT jump is in place: exit 0 when it is. */
    List<String> jumpCheck() {
        return List.of(program, "-w", "-C", "OUTPUT", "-j", IptablesChains.OUT);
    }

    /** Where the chains are kept for boot, and the runtime undo scripts. */
    String bootFile() {
        return "/etc/leakguard/leakguard." + program;
    }

    String undoFile() {
        return "/etc/leakguard/runtime-undo." + program;
    }

    String removeFile() {
        return "/etc/leakguard/runtime-remove." + program;
    }
}
