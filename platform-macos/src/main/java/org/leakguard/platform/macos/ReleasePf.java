package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.List;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;

/**
 * Releases the pf enable references leakguard holds ({@code pfctl -X TOKEN} for each: its own and
 * the one the LaunchDaemon took at boot) once its rules are gone, so pf stays on only while
 * another component holds a reference. Undo takes one new reference with {@code pfctl -E}, kept in
 * {@code tokenFile}: a released token cannot be taken back.
 */
@JsonTypeName("macos-pf-release")
record ReleasePf(List<String> tokens, String tokenFile, String why) implements PlatformChange {

    ReleasePf {
        tokens = List.copyOf(tokens);
        tokens.forEach(Pfctl::release);
    }

    @Override
    public String target() {
        return "pf enable references " + String.join(" ", tokens);
    }

    @Override
    public String summary() {
        return "release pf enable references " + String.join(" ", tokens) + " (pfctl -X): " + why;
    }

    @Override
    public BeforeImage capture(Host host) {
        return new BeforeImage.Nothing();
    }

    @Override
    public void apply(Host host) throws IOException {
        List<String> held = PfObserve.references(host);
        for (String token : tokens) {
            if (held.contains(token)) {
                Tools.check(host, Pfctl.release(token), null);
            }
        }
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        if (!isAt(host, before)) {
            EnablePf.take(host, tokenFile);
        }
    }

    /** Back when leakguard holds a reference again: one of these, or the new one in the token file. */
    @Override
    public boolean isAt(Host host, BeforeImage before) throws IOException {
        String ours = host.files().readString(tokenFile).map(String::strip).orElse(null);
        List<String> held = PfObserve.references(host);
        return tokens.stream().anyMatch(held::contains) || ours != null && held.contains(ours);
    }
}
