package org.leakguard.platform.windows;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/**
 * One server over TLS through netsh, the only program that sets it, for a server that has no DoT
 * entry yet; netsh's text is never read, only its exit code and then the registry. Undo is netsh's
 * own delete ({@code protocol=dot}), then the DoT values and a key netsh created are removed, so
 * the registry is back exactly as it was.
 *
 * @param netsh netsh.exe's absolute path under System32
 */
@JsonTypeName("windows-dot-server")
record DotServer(String netsh, String server, String host, String why) implements PlatformChange {

    DotServer {
        DotPlan.encryptionArgv(netsh, Ip.parse(server), host);
    }

    @Override
    public String target() {
        return "DoT entry for " + server;
    }

    @Override
    public String summary() {
        return "run " + String.join(" ", argv()) + ": " + why;
    }

    List<String> argv() {
        return DotPlan.encryptionArgv(netsh, Ip.parse(server), host);
    }

    /** A server that gained an entry since the plan is left alone: its undo could not be exact. */
    @Override
    public BeforeImage capture(Host host) throws IOException {
        Ports.requireElevated(host);
        DotEntry now = DotEntry.read(Ports.registry(host), server);
        if (now.host().isPresent()) {
            throw new IOException("encryption: dot: " + DotEntry.key(server) + " has a DoT entry now (" + DotEntry.HOST + " = "
                    + now.host().get() + "), which the plan did not see; nothing was changed for it");
        }
        return new DotImage(now.keyExisted());
    }

    /** netsh's exit code says whether it took the values; the registry says whether they are there. */
    @Override
    public void apply(Host host) throws IOException {
        run(host, argv(), "this Windows build has no DNS over TLS client or refused the values");
        DotEntry now = DotEntry.read(Ports.registry(host), server);
        if (!now.host().equals(java.util.Optional.of(this.host))) {
            throw new IOException("encryption: dot: netsh exited 0, but " + DotEntry.key(server) + "\\" + DotEntry.HOST + " is "
                    + now.host().map(h -> "\"" + h + "\"").orElse("absent") + ", not \"" + this.host + "\": where this build keeps"
                    + " DoT is not where leakguard reads it (an inferred, undocumented place), so the change is not confirmed");
        }
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        Registry r = Ports.registry(host);
        String key = DotEntry.key(server);
        DotEntry now = DotEntry.read(r, server);
        // netsh's delete also removes DotFlags, a QWORD the registry port does not handle.
        if (now.host().isPresent() || now.port().isPresent()) {
            run(host, List.of(netsh, "dnsclient", "delete", "encryption", "server=" + server, "protocol=dot"),
                    "the DoT entry could not be removed");
        }
        if (r.keyExists(key)) {
            for (String name : List.of(DotEntry.HOST, DotEntry.PORT)) {
                r.delete(key, name);
            }
            if (!((DotImage) before).keyExisted()) {
                r.deleteIfEmpty(key);
            }
        }
    }

    @Override
    public boolean isAt(Host host, BeforeImage before) throws IOException {
        DotEntry now = DotEntry.read(Ports.registry(host), server);
        return now.host().isEmpty() && now.port().isEmpty() && now.keyExisted() == ((DotImage) before).keyExisted();
    }

    private static void run(Host host, List<String> argv, String meaning) throws IOException {
        CommandResult r = host.commands().run(new Command(argv, null, null));
        if (!r.ok()) {
            throw new IOException(String.join(" ", argv) + " exited " + r.exitCode() + ": " + meaning + " (netsh said: "
                    + PowerShell.firstLines(r.stdout() + "\n" + r.stderr()) + ")");
        }
    }

    static DotServer of(String netsh, InetAddress server, String host) {
        return new DotServer(netsh, Ip.text(server), host, "encrypt lookups to " + Ip.text(server) + " with TLS to " + host
                + ":853 (auto-upgrade, no plain fallback)");
    }
}
