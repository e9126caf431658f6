package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.spi.PortalWindow;

/**
 * Puts the window's resolvers first in a plain /etc/resolv.conf, the pinned servers after them, so
 * glibc asks the network's resolver while the firewall lets it through. Once the kernel closes the
 * window, the firewall rejects DNS to it at once and glibc moves on to the pinned servers.
 *
 * @param leased the network's resolvers, first in the file
 * @param text the whole file for the window
 */
@JsonTypeName("linux-portal-resolv-conf")
record PointResolvConf(List<String> leased, String text) implements PortalWindow.Pointing {

    PointResolvConf {
        leased = List.copyOf(leased);
        leased.forEach(Addresses::parseLiteral); // a journal read back is input too
    }

    /** The file for the window: {@code leased} first, then the servers the file names now, other lines kept. */
    static PointResolvConf of(String now, List<String> leased) {
        List<String> servers = new ArrayList<>(leased);
        ResolvConf.parseNameservers(now).stream().filter(s -> !servers.contains(s)).forEach(servers::add);
        return new PointResolvConf(leased, ResolvConf.pin(now, servers, List.of()));
    }

    @Override
    public String target() {
        return ResolvConf.PATH;
    }

    @Override
    public String summary() {
        return "put " + leased + " first in " + ResolvConf.PATH + " for the window, the pinned servers after";
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        return new BeforeImage.OfFile(host.files().capture(ResolvConf.PATH));
    }

    @Override
    public void apply(Host host) throws IOException {
        host.files().write(ResolvConf.PATH, text.getBytes(StandardCharsets.UTF_8), null);
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        host.files().restore(ResolvConf.PATH, ((BeforeImage.OfFile) before).file());
    }

    @Override
    public PlatformChange back(BeforeImage before, String why) {
        return new ResolvConfBack(((BeforeImage.OfFile) before).file(), text, why);
    }
}
