package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.List;
import org.leakguard.agent.host.Host;

/**
 * Opens the captive-portal window: the network's resolvers go into leakguard's portal sets with a
 * timeout of {@code seconds}, replacing any window open before, and past its policy-routing layer.
 * The kernel drops the elements at the timeout whether or not an agent runs again. Undo puts the
 * window back as the before-image holds it.
 *
 * @param until when the kernel closes it (ISO-8601), journaled so the journal tells it too
 */
@JsonTypeName("linux-portal-open")
record OpenPortal(List<String> addresses, long seconds, String until) implements PortalStep {

    OpenPortal {
        addresses = List.copyOf(addresses);
        addresses.forEach(Addresses::parseLiteral); // a journal read back is input too
        if (seconds <= 0) {
            throw new IllegalArgumentException("a window lasts a positive number of seconds");
        }
    }

    @Override
    public String summary() {
        return "open the captive-portal window: DNS (53) to " + addresses + " for " + seconds + " s, until " + until
                + ", when the kernel drops them";
    }

    @Override
    public void apply(Host host) throws IOException {
        // At the instant journaled: the kernel and the journal agree on when the window ends.
        String closes = until != null ? until : host.clock().instant().plusSeconds(seconds).toString();
        List<PortalImage.Element> elements = addresses.stream().map(a -> new PortalImage.Element(a, closes)).toList();
        PortalSets.restore(host, new PortalImage(elements, PortalSets.routesFor(host, addresses)));
    }
}
