package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;

/**
 * Releases a pf enable reference leakguard holds ({@code pfctl -X TOKEN}) once its rules are gone:
 * pf stays on only while another component holds a reference. Undo takes a new reference with
 * {@code pfctl -E}, kept in {@code tokenFile}: a released token cannot be taken back.
 */
@JsonTypeName("macos-pf-release")
record ReleasePf(String token, String tokenFile, String why) implements PlatformChange {

    ReleasePf {
        Pfctl.release(token);
    }

    @Override
    public String target() {
        return "pf enable reference " + token;
    }

    @Override
    public String summary() {
        return "release pf enable reference " + token + " (pfctl -X): " + why;
    }

    @Override
    public BeforeImage capture(Host host) {
        return new PfToken(token);
    }

    @Override
    public void apply(Host host) throws IOException {
        if (PfObserve.references(host).contains(token)) {
            Tools.check(host, Pfctl.release(token), null);
        }
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        if (!isAt(host, before)) {
            EnablePf.take(host, tokenFile);
        }
    }

    /** Back when leakguard holds a reference again (under a new token). */
    @Override
    public boolean isAt(Host host, BeforeImage before) throws IOException {
        String ours = host.files().readString(tokenFile).map(String::strip).orElse(null);
        var held = PfObserve.references(host);
        return held.contains(token) || ours != null && held.contains(ours);
    }
}
