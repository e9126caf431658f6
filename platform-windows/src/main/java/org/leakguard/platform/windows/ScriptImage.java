package org.leakguard.platform.windows;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.leakguard.agent.change.PlatformImage;

/** What a {@link ScriptKind} read printed before the change (JSON), or null when the state was absent. */
@JsonTypeName("windows-script-image")
record ScriptImage(String state) implements PlatformImage {
    boolean existed() {
        return state != null;
    }
}
