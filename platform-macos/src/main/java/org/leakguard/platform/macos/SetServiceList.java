package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.List;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;

/**
 * Sets one network service's DNS servers or search domains with networksetup; undo sets the list
 * it had, or "Empty" when it had none (DHCP's servers apply again).
 */
@JsonTypeName("macos-service-list")
record SetServiceList(ServiceSetting setting, String service, List<String> values, String why) implements PlatformChange {

    SetServiceList {
        ServiceName.check(service);
        values = List.copyOf(values);
        values.forEach(setting::checkValue);
    }

    @Override
    public String target() {
        return "network service \"" + service + "\" " + setting.noun();
    }

    @Override
    public String summary() {
        return "set " + setting.noun() + " of \"" + service + "\" to "
                + (values.isEmpty() ? ServiceSetting.EMPTY : String.join(" ", values)) + ": " + why;
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        return new ServiceListImage(setting.parse(Tools.stdout(host, setting.read(service))));
    }

    @Override
    public void apply(Host host) throws IOException {
        Tools.check(host, setting.write(service, values), null);
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        Tools.check(host, setting.write(service, ((ServiceListImage) before).values()), null);
    }
}
