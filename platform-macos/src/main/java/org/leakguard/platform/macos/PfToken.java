package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.leakguard.agent.change.PlatformImage;

/**
 * A pf enable reference as the journal keeps it: the token {@code pfctl -E} printed, which
 * {@code pfctl -X} takes to release that reference alone.
 *
 * @param token the decimal token, or null when none had been taken
 */
@JsonTypeName("macos-pf-token")
record PfToken(String token) implements PlatformImage {

    PfToken {
        if (token != null) {
            Pfctl.release(token);
        }
    }
}
