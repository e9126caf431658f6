package org.leakguard.agent.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.spi.PortalWindow;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code agent portal close FILE}: closes the window now and journals it; nothing open is not an error. */
final class PortalCloseCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private final PositionalParamSpec file = Args.policy();

    PortalCloseCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "close", "Close the captive-portal window now, before the kernel's timeout.").addPositional(file);
    }

    /** What close says, for JSON. */
    record Closed(List<String> said) {}

    @Override
    public Integer call() throws Exception {
        if (Output.refusesTargets(agent, "portal close", "closes the captive-portal window and has no run result")) {
            return 2;
        }
        LoadedPolicy policy = PolicyArg.load(agent, file.getValue());
        PortalWindow window = PortalCommand.window(agent, "close");
        List<String> said = PortalCommand.locked(agent, () -> PortalCommand.portals(agent, window).close(policy));
        return PortalCommand.print(agent, new Closed(said), said);
    }
}
