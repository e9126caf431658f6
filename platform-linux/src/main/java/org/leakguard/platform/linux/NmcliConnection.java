package org.leakguard.platform.linux;

/**
 * One active NetworkManager connection and its DNS settings.
 *
 * @param name the profile name, for messages only: commands name the connection by UUID
 * @param uuid the profile's UUID
 * @param type the connection type ({@code 802-3-ethernet}, {@code vpn}, {@code loopback}, ...)
 * @param device the interface it is active on, or empty
 * @param ipv4 its IPv4 DNS settings
 * @param ipv6 its IPv6 DNS settings
 */
record NmcliConnection(String name, String uuid, String type, String device, NmcliDns ipv4, NmcliDns ipv6) {}
