package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/**
 * Takes leakguard's own reference on pf with {@code pfctl -E} and keeps the token it prints in
 * {@code tokenFile}: the token exists only after the change ran, so the journal cannot hold it.
 * Undo releases that reference alone ({@code pfctl -X}), so pf stays enabled for every other
 * holder; {@code pfctl -d} is never run. A token no longer listed (a reboot dropped it) is only
 * forgotten.
 */
@JsonTypeName("macos-pf-enable")
record EnablePf(String tokenFile, String why) implements PlatformChange {

    @Override
    public String target() {
        return "pf enable reference";
    }

    @Override
    public String summary() {
        return "run pfctl -E and keep its token in " + tokenFile + ": " + why;
    }

    @Override
    public BeforeImage capture(Host host) {
        return new BeforeImage.Nothing();
    }

    @Override
    public void apply(Host host) throws IOException {
        CommandResult r = Tools.check(host, Pfctl.ENABLE, null);
        String token = PfOutput.token(r.stdout() + "\n" + r.stderr()).orElseThrow(() -> new IOException(
                "pfctl -E printed no token, so leakguard cannot release its reference later; pfctl said: "
                        + (r.stdout() + r.stderr()).strip()));
        host.files().write(tokenFile, (token + "\n").getBytes(StandardCharsets.UTF_8), 0600);
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        String token = host.files().readString(tokenFile).map(String::strip).orElse(null);
        if (token == null) {
            return;
        }
        if (PfOutput.references(Tools.stdout(host, Pfctl.REFERENCES)).contains(token)) {
            Tools.check(host, Pfctl.release(token), null);
        }
        host.files().delete(tokenFile);
    }
}
