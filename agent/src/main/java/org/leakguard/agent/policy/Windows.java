package org.leakguard.agent.policy;

/**
 * Choices only Windows has. Other platforms ignore the section, and it never changes what a
 * shared key means: {@code ipv6: disable} still means no IPv6, this only says how.
 *
 * @param disabledComponents the Tcpip6 {@code DisabledComponents} bitmask written with
 *     {@code ipv6: disable}: 0xFF (every IPv6 component but loopback off, the default) or, for
 *     example, 0x20 (prefer IPv4, Microsoft's recommendation, which keeps IPv6 addresses)
 * @param unbindIpv6 also untick IPv6 (ms_tcpip6) on each adapter, for effect before the reboot
 *     that DisabledComponents needs
 * @param dohPolicy the {@code DoHPolicy} group-policy value, with {@code encryption: doh}
 */
public record Windows(Long disabledComponents, Boolean unbindIpv6, DohPolicy dohPolicy) {
    /** Every IPv6 component off except the loopback interface. */
    public static final long ALL_OFF = 0xFF;

    public static final Windows DEFAULT = new Windows(null, null, null);

    public Windows {
        disabledComponents = disabledComponents == null ? ALL_OFF : disabledComponents;
        unbindIpv6 = unbindIpv6 == null ? Boolean.FALSE : unbindIpv6;
        dohPolicy = dohPolicy == null ? DohPolicy.UNMANAGED : dohPolicy;
    }
}
