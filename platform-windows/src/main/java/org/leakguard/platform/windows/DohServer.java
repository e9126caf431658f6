package org.leakguard.platform.windows;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/** Puts one server on the Windows DoH list with the policy's template; undo restores or deletes the entry. */
@JsonTypeName("windows-doh-server")
record DohServer(DohEntry entry, String why) implements PlatformChange {

    @Override
    public String target() {
        return "DoH entry for " + entry.server();
    }

    @Override
    public String summary() {
        return "encrypt lookups to " + entry.server() + " with " + entry.template() + " (auto-upgrade "
                + (entry.autoUpgrade() ? "yes" : "no") + ", UDP fallback " + (entry.udpFallback() ? "yes" : "no") + "): " + why;
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        Ports.requireElevated(host);
        return new DohImage(current(host).orElse(null));
    }

    @Override
    public void apply(Host host) throws IOException {
        check(host, NetshEncryption.put(entry, current(host).isPresent()));
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        DohEntry old = ((DohImage) before).entry();
        boolean now = current(host).isPresent();
        if (old != null) {
            check(host, NetshEncryption.put(old, now));
        } else if (now) {
            check(host, NetshEncryption.delete(entry.server()));
        }
    }

    private Optional<DohEntry> current(Host host) throws IOException {
        List<DohEntry> list = NetshEncryption.read(host).orElseThrow(() -> new IOException(
                "this Windows has no DoH client (netsh dnsclient show encryption is unknown)"));
        return NetshEncryption.find(list, entry.server());
    }

    private static void check(Host host, List<String> argv) throws IOException {
        CommandResult r = host.commands().run(new Command(argv, null, null));
        if (!r.ok()) {
            throw new IOException(String.join(" ", argv) + " exited " + r.exitCode() + ": "
                    + PowerShell.firstLines(r.stdout() + r.stderr()));
        }
    }
}
