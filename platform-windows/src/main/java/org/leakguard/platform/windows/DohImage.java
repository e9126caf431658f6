package org.leakguard.platform.windows;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.leakguard.agent.change.PlatformImage;

/** A server's DoH entry before the change, or null when it was not on the list. */
@JsonTypeName("windows-doh-image")
record DohImage(DohEntry entry) implements PlatformImage {}
