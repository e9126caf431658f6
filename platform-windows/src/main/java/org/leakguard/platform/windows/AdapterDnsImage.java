package org.leakguard.platform.windows;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import org.leakguard.agent.change.PlatformImage;

/** An adapter's static DNS servers before the change, per family; empty lists mean DHCP. */
@JsonTypeName("windows-adapter-dns-image")
record AdapterDnsImage(List<String> ipv4, List<String> ipv6) implements PlatformImage {
    AdapterDnsImage {
        ipv4 = List.copyOf(ipv4);
        ipv6 = List.copyOf(ipv6);
    }
}
