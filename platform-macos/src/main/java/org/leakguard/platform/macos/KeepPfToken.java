package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;

/**
 * Puts the token of the reference {@link EnablePf} just took into the journal: planned right after
 * it, its before-image is that token (read from {@code tokenFile}), journaled before anything else
 * runs. Nothing happens on apply; undo releases that reference with {@code pfctl -X}, even when the
 * token file is gone. The file stays as the record of the last token, which no longer being listed
 * by {@code pfctl -s References} tells the next check to take a new one.
 */
@JsonTypeName("macos-pf-keep-token")
record KeepPfToken(String tokenFile, String why) implements PlatformChange {

    @Override
    public String target() {
        return "pf enable token";
    }

    @Override
    public String summary() {
        return "keep the token pfctl -E printed in the journal: " + why;
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        return new PfToken(host.files().readString(tokenFile).map(String::strip).orElse(null));
    }

    @Override
    public void apply(Host host) {
        // The journal line written before this step is what this change is for.
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        String token = ((PfToken) before).token();
        if (token != null && PfObserve.references(host).contains(token)) {
            Tools.check(host, Pfctl.release(token), null);
        }
    }

    /** Back when the journaled reference is no longer held; the file may still name it. */
    @Override
    public boolean isAt(Host host, BeforeImage before) throws IOException {
        String token = ((PfToken) before).token();
        return token == null || !PfObserve.references(host).contains(token);
    }
}
