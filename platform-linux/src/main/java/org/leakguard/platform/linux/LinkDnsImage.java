package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.leakguard.agent.change.PlatformImage;

/**
 * A link's servers and domains in systemd-resolved before a change.
 *
 * @param present whether the link existed; a link gone since takes its settings with it
 */
@JsonTypeName("linux-resolved-link-image")
record LinkDnsImage(String link, boolean present, LinkDns dns) implements PlatformImage {}
