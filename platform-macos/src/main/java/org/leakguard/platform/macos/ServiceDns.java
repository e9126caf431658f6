package org.leakguard.platform.macos;

import java.util.List;

/**
 * One enabled service's manual DNS servers and search domains (empty: none set, DHCP's apply).
 *
 * @param search null when the policy sets no search domains and they were not read
 */
record ServiceDns(String service, List<String> servers, List<String> search) {
    ServiceDns {
        servers = List.copyOf(servers);
        search = search == null ? null : List.copyOf(search);
    }
}
