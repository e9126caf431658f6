package org.leakguard.platform.linux;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.LocalFiles;

/**
 * The real systemd-networkd from Debian's unpacked systemd package, run in a {@link DhcpLab}
 * client with a D-Bus system bus of its own (so {@code networkctl reload} reaches it) and its
 * user added to the private /etc. It manages lgc0 through {@code 50-lab.network}: DHCPv4 and
 * router advertisements.
 */
final class NetworkdLab {
    static final String NETWORK = "/etc/systemd/network/50-lab.network";
    private final DhcpLab lab;
    private final Path unpacked;
    private int linkIndex;

    private NetworkdLab(DhcpLab lab, Path unpacked) {
        this.lab = lab;
        this.unpacked = unpacked;
    }

    /** Starts the bus and networkd; returns once networkd has configured lgc0 from the network file. */
    static NetworkdLab start(DhcpLab lab, Path unpacked) throws Exception {
        NetworkdLab n = new NetworkdLab(lab, unpacked);
        LocalFiles files = lab.files();
        addUser(files, "/etc/passwd", "systemd-network:x:64054:64054:networkd sandbox:/:/usr/sbin/nologin\n");
        addUser(files, "/etc/group", "systemd-network:x:64054:\n");
        files.write(NETWORK, "[Match]\nName=lgc0\n[Network]\nDHCP=ipv4\nIPv6AcceptRA=yes\n".getBytes(), 0644);
        lab.startBus();
        lab.startInClient("networkd", null, unpacked.resolve("lib/systemd/systemd-networkd").toString());
        String line = lab.client().run("ip", "-o", "link", "show", "lgc0").stdout();
        n.linkIndex = Integer.parseInt(line.substring(0, line.indexOf(':')).strip());
        return n;
    }

    private static void addUser(LocalFiles files, String path, String line) throws IOException {
        String text = files.readString(path).orElse("");
        if (!text.contains("\nsystemd-network:") && !text.startsWith("systemd-network:")) {
            files.write(path, (text + line).getBytes(), null);
        }
    }

    /** The host as the agent sees it inside the client, with the unpacked networkctl on PATH. */
    Host host() {
        return TestHosts.online(lab.files(), lab.commands(unpacked.resolve("bin")));
    }

    /** The DNS servers networkd holds for lgc0 (what it hands to resolved), from its link state file. */
    List<String> linkDns() {
        String state;
        try {
            state = lab.files().readString("/run/systemd/netif/links/" + linkIndex).orElse("");
        } catch (IOException e) {
            state = "";
        }
        return state.lines().filter(l -> l.startsWith("DNS=")).findFirst()
                .map(l -> List.of(l.substring(4).split(" ")).stream().filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    /** Waits for networkd to hold (or no longer hold) a server; a failure quotes networkd's own log. */
    void await(String what, int seconds, java.util.function.Predicate<List<String>> done) throws Exception {
        try {
            DhcpLab.await(what, seconds, () -> done.test(linkDns()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; link DNS " + linkDns() + "; networkd said:\n" + lab.log("networkd"), e);
        }
    }
}
