package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import org.leakguard.agent.change.PlatformImage;

/**
 * The captive-portal window as it was before a change: the addresses in its nft sets with the
 * instant each was due to close, and its policy-routing rules.
 */
@JsonTypeName("linux-portal-image")
record PortalImage(List<Element> elements, List<RouteRule> routes) implements PlatformImage {
    PortalImage {
        elements = List.copyOf(elements);
        routes = List.copyOf(routes);
    }

    /** @param closes when the kernel drops it (ISO-8601), worked out from nft's seconds left */
    record Element(String address, String closes) {}

    /** What can be compared after an undo: the addresses and rules, not the seconds left, which move on. */
    boolean sameWindow(PortalImage other) {
        return elements.stream().map(Element::address).sorted().toList()
                        .equals(other.elements.stream().map(Element::address).sorted().toList())
                && routes.equals(other.routes);
    }
}
