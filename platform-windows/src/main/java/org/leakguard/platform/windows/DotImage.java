package org.leakguard.platform.windows;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.leakguard.agent.change.PlatformImage;

/** Before a {@link DotServer}: the server had no DoT entry; whether its DoH-list key existed. */
@JsonTypeName("windows-dot-image")
record DotImage(boolean keyExisted) implements PlatformImage {}
