package org.leakguard.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.portal.Portals;
import org.leakguard.agent.spi.PortalWindow;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code agent portal status}: the window as the kernel holds it and as the journal tells it.
 * Taken under the run lock: a window whose time ran out has its close recorded first.
 */
final class PortalStatusCommand implements Callable<Integer> {
    private final AgentCommand agent;

    PortalStatusCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "status", "Show whether the captive-portal window is open, to what and until when;"
                + " record the close of one whose time ran out.");
    }

    @Override
    public Integer call() throws Exception {
        if (Output.refusesTargets(agent, "portal status", "shows the captive-portal window and has no run result")) {
            return 2;
        }
        PortalWindow window = PortalCommand.window(agent, "status");
        Portals portals = PortalCommand.portals(agent, window);
        List<String> recorded = PortalCommand.locked(agent, portals::recover);
        Portals.Status s = portals.status();
        List<String> lines = new ArrayList<>(recorded);
        lines.addAll(s.said());
        if (s.open()) {
            lines.add("captive-portal window open (opened by " + s.openedBy() + "):");
            s.addresses().forEach(a -> lines.add("  DNS (53) to " + a.address().getHostAddress() + " until " + a.closes()));
        } else {
            lines.add("captive-portal window closed" + (s.closedBy() == null ? "" : " (" + s.closedWhy() + ", transaction "
                    + s.closedBy() + ")"));
        }
        return PortalCommand.print(agent, new Portals.Status(s.open(), s.addresses(), s.openedBy(), s.until(), s.closedBy(),
                s.closedWhy(), lines), lines);
    }
}
