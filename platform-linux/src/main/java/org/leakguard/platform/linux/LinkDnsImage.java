package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.leakguard.agent.change.PlatformImage;

/**
 * A link's servers and domains in systemd-resolved before a change.
 *
 * @param present whether the link existed; a link gone since takes its settings with it
 * @param own whether the link had settings of its own over D-Bus; without, it followed
 *     systemd-networkd (or had none), and undo drops what was set instead of setting it back
 * @param tls the link's DNS-over-TLS mode in effect, or null when the change leaves it alone
 * @param globalTls the global mode then: a link whose mode was the global one had none of its own
 */
@JsonTypeName("linux-resolved-link-image")
record LinkDnsImage(String link, boolean present, boolean own, LinkDns dns, String tls, String globalTls)
        implements PlatformImage {

    /** The mode to set back: none of its own (the empty word) where it followed the global one. */
    String tlsToRestore() {
        return tls.equals(globalTls) ? "" : tls;
    }
}
