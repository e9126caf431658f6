package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import org.leakguard.agent.change.PlatformImage;

/** leakguard's policy-routing rules as they were before a change, both families, in order. */
@JsonTypeName("linux-route-rules-image")
record RouteRulesImage(List<RouteRule> rules) implements PlatformImage {
    RouteRulesImage {
        rules = List.copyOf(rules);
    }
}
