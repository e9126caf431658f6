package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import org.leakguard.agent.change.PlatformImage;

/** A service's list before the change; empty means it had none set ("Empty", DHCP's apply). */
@JsonTypeName("macos-service-list-image")
record ServiceListImage(List<String> values) implements PlatformImage {
    ServiceListImage {
        values = List.copyOf(values);
    }
}
