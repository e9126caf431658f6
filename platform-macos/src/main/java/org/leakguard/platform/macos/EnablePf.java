package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/**
 * Takes leakguard's own reference on pf with {@code pfctl -E} and writes the token it prints to
 * {@code tokenFile}. The token exists only after this ran, so {@link KeepPfToken}, planned next,
 * puts it in the journal. Undo releases that reference alone ({@code pfctl -X}), so pf stays
 * enabled for every other holder; {@code pfctl -d} is never run. It covers a stop between the two
 * journal lines; a token no longer listed (released, or dropped by a reboot) is left alone.
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
        take(host, tokenFile);
    }

    /** {@code pfctl -E}; its token (on stderr with Apple's pfctl) goes to {@code tokenFile}, mode 0600. */
    static void take(Host host, String tokenFile) throws IOException {
        CommandResult r = Tools.check(host, Pfctl.ENABLE, null);
        String token = PfOutput.token(r.stdout() + "\n" + r.stderr()).orElseThrow(() -> new IOException(
                "pfctl -E printed no token, so leakguard cannot release its reference later; pfctl said: "
                        + (r.stdout() + r.stderr()).strip()));
        host.files().write(tokenFile, (token + "\n").getBytes(StandardCharsets.UTF_8), 0600);
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        String token = host.files().readString(tokenFile).map(String::strip).orElse(null);
        if (token != null && PfObserve.references(host).contains(token)) {
            Tools.check(host, Pfctl.release(token), null);
        }
    }
}
