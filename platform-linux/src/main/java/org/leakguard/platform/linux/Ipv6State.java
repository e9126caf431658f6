package org.leakguard.platform.linux;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the ipv6 control read.
 *
 * @param offline true for a --root image: no runtime values were read
 * @param kernelHasIpv6 whether /proc/sys/net/ipv6 exists (false when IPv6 is not in the kernel)
 * @param values disable_ipv6 by conf name ({@code all}, {@code default}, each interface)
 * @param persisted leakguard's sysctl.d file, or null when absent
 */
record Ipv6State(boolean offline, boolean kernelHasIpv6, Map<String, String> values, String persisted) {
    Ipv6State {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
