package org.leakguard.agent.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.Portal;
import org.leakguard.agent.portal.Portals;
import org.leakguard.agent.spi.PortalWindow;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code agent portal open --for D FILE}: the window, for D (1m to the policy's maxWindow). */
final class PortalOpenCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private final PositionalParamSpec file = Args.policy();
    private final OptionSpec length = Args.option("--for", String.class, "DURATION",
            "How long DNS to the network's resolver is let through (e.g. 5m; from 1m to the policy's"
                    + " spec.firewall.portal.maxWindow).").required(true).build();

    PortalOpenCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "open", "Let DNS reach the resolvers the network's DHCP lease names, for --for; the kernel"
                + " closes the window at its end even if the agent stops.").addPositional(file).addOption(length);
    }

    @Override
    public Integer call() throws Exception {
        if (Output.refusesTargets(agent, "portal open", "opens the captive-portal window and has no run result")) {
            return 2;
        }
        Duration d = DurationArg.parse("--for", length.getValue());
        if (d.compareTo(Portal.LEAST) < 0) {
            throw new IllegalArgumentException("--for " + length.getValue() + " is shorter than 1m: a sign-in page takes"
                    + " longer to find and fill in; nothing was changed");
        }
        Path source = file.getValue();
        LoadedPolicy policy = PolicyArg.load(agent, source);
        Portals.checkAllowed(policy.policy().spec(), d);
        PortalWindow window = PortalCommand.window(agent, "open");
        Portals.Opened opened = PortalCommand.locked(agent, () -> PortalCommand.portals(agent, window).open(policy, d));
        List<String> lines = new ArrayList<>(opened.said());
        lines.add("captive-portal window open until " + opened.until() + " (transaction " + opened.transaction() + "):");
        opened.resolvers().forEach(r -> lines.add("  DNS (53) to " + r.address().getHostAddress() + ", from " + r.source()));
        opened.pointed().forEach(p -> lines.add("  " + p));
        if (opened.pointed().isEmpty()) {
            lines.add("  the host's resolver configuration was left as it is (neither a plain resolv.conf nor systemd-resolved's"
                    + " stub): a lookup of the sign-in page has to ask the address above itself");
        }
        lines.add("the kernel closes it then by itself, and DNS to it is rejected from then on; `agent portal close " + source
                + "` closes it now and puts the resolver configuration back");
        return PortalCommand.print(agent, opened, lines);
    }
}
