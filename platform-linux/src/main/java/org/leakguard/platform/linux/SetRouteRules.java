package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/**
 * Replaces leakguard's policy-routing rules (those with its protocol number) by {@code rules}, one
 * {@code ip -batch} per family; the host's own rules are never named. Undo deletes what is there
 * of leakguard's and adds back the rules of the before-image.
 */
@JsonTypeName("linux-route-rules")
record SetRouteRules(List<RouteRule> rules, String why) implements PlatformChange {

    SetRouteRules {
        rules = List.copyOf(rules);
    }

    @Override
    public String target() {
        return "ip rule protocol " + RouteRules.PROTOCOL;
    }

    @Override
    public String summary() {
        return "set " + rules.size() + " policy-routing rules: " + why;
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        return new RouteRulesImage(read(host));
    }

    @Override
    public void apply(Host host) throws IOException {
        replace(host, rules);
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        replace(host, ((RouteRulesImage) before).rules());
    }

    private static void replace(Host host, List<RouteRule> want) throws IOException {
        List<RouteRule> now = read(host);
        for (boolean v6 : new boolean[] {false, true}) {
            String batch = RouteRules.batch(RouteRules.family(now, v6), RouteRules.family(want, v6));
            if (!batch.isEmpty()) {
                run(host, new Command(v6 ? RouteRules.BATCH6 : RouteRules.BATCH4, batch, null));
            }
        }
    }

    /** leakguard's rules now, IPv4 then IPv6 (none where the kernel keeps no IPv6 rule list). */
    static List<RouteRule> read(Host host) throws IOException {
        List<RouteRule> out = new ArrayList<>(RouteRules.parse(run(host, new Command(RouteRules.LIST4, null, null)), false));
        CommandResult v6 = host.commands().run(new Command(RouteRules.LIST6, null, null));
        if (v6.ok()) {
            out.addAll(RouteRules.parse(v6.stdout(), true));
        }
        return out;
    }

    private static String run(Host host, Command c) throws IOException {
        CommandResult r = host.commands().run(c);
        if (!r.ok()) {
            throw new IOException(c + " exited " + r.exitCode() + ": " + r.stderr().strip());
        }
        return r.stdout();
    }
}
