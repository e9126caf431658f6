package org.leakguard.platform.windows;

/** Registry keys the controls use (REFERENCE.md section 1). */
final class Keys {
    /** The documented home of the DNS client's group-policy values. */
    static final String DNS_POLICY = "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient";
    /** Domain-GPO NRPT rules; when any exists, local NRPT rules are ignored. */
    static final String NRPT_GPO = DNS_POLICY + "\\DnsPolicyConfig";
    static final String DNSCACHE = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Dnscache\\Parameters";
    /** The DoH list, one subkey per server; DoT's DotHost and DotPort are written there too (see {@link DotEntry}). */
    static final String DOH_SERVERS = DNSCACHE + "\\DohWellKnownServers";
    static final String TCPIP6 = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip6\\Parameters";
    static final String TCPIP_INTERFACES = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces";
    static final String TCPIP6_INTERFACES = TCPIP6 + "\\Interfaces";
    static final String NETBT_INTERFACES = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\NetBT\\Parameters\\Interfaces";

    private Keys() {}
}
