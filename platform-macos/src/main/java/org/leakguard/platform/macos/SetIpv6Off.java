package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;

/** Turns IPv6 off on one network service; undo gives back the mode it had (with a manual address). */
@JsonTypeName("macos-ipv6-off")
record SetIpv6Off(String service, String why) implements PlatformChange {

    SetIpv6Off {
        ServiceName.check(service);
    }

    @Override
    public String target() {
        return "network service \"" + service + "\" IPv6";
    }

    @Override
    public String summary() {
        return "turn IPv6 off on \"" + service + "\": " + why;
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        return Ipv6Setting.parse(Tools.stdout(host, Ipv6Setting.read(service)));
    }

    @Override
    public void apply(Host host) throws IOException {
        Tools.check(host, Ipv6Setting.off(service), null);
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        Tools.check(host, ((Ipv6Setting) before).restore(service), null);
    }
}
