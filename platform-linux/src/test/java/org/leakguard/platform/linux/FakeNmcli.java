package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Commands;

/**
 * A running NetworkManager as nmcli shows it: active connections whose DNS settings
 * {@code nmcli connection modify uuid ...} changes, printed in nmcli's terse format. systemctl
 * and {@code nmcli device reapply} are recorded. Anything else fails the test.
 */
final class FakeNmcli implements Commands {
    private final Map<String, NmcliConnection> connections = new LinkedHashMap<>();
    private final List<List<String>> calls = new ArrayList<>();
    private boolean running = true;

    FakeNmcli with(NmcliConnection c) {
        connections.put(c.uuid(), c);
        return this;
    }

    FakeNmcli stopped() {
        running = false;
        return this;
    }

    NmcliConnection get(String uuid) {
        return connections.get(uuid);
    }

    List<List<String>> calls() {
        return List.copyOf(calls);
    }

    @Override
    public CommandResult run(Command command) throws IOException {
        List<String> argv = command.argv();
        calls.add(argv);
        if (argv.equals(Nmcli.RUNNING)) {
            return running ? ok("running\n") : new CommandResult(8, "", "Error: NetworkManager is not running.\n");
        }
        if (argv.equals(Nmcli.ACTIVE)) {
            StringBuilder out = new StringBuilder();
            connections.values().forEach(c -> out.append(c.name().replace("\\", "\\\\").replace(":", "\\:"))
                    .append(':').append(c.uuid()).append(':').append(c.type()).append(':').append(c.device()).append('\n'));
            return ok(out.toString());
        }
        if (argv.size() == 8 && argv.subList(0, 7).equals(Nmcli.show("x").subList(0, 7))) {
            return ok(show(connections.get(argv.get(7))));
        }
        if (argv.size() > 5 && argv.subList(0, 4).equals(List.of("nmcli", "connection", "modify", "uuid"))) {
            modify(argv.get(4), argv.subList(5, argv.size()));
            return ok("");
        }
        if (argv.get(0).equals("systemctl") || argv.subList(0, Math.min(3, argv.size()))
                .equals(List.of("nmcli", "device", "reapply"))) {
            return ok("");
        }
        throw new AssertionError("no fake for: " + argv);
    }

    /** In the order of {@link Nmcli#DNS_FIELDS}, as nmcli prints the fields asked for. */
    private static String show(NmcliConnection c) {
        return family("ipv4", c.ipv4()) + family("ipv6", c.ipv6());
    }

    private static String family(String f, NmcliDns d) {
        return f + ".method:" + d.method() + "\n" + f + ".dns:" + d.dns() + "\n" + f + ".ignore-auto-dns:"
                + d.ignoreAutoDns() + "\n" + f + ".dns-search:" + d.search() + "\n";
    }

    private void modify(String uuid, List<String> pairs) {
        NmcliConnection c = connections.get(uuid);
        NmcliDns v4 = c.ipv4();
        NmcliDns v6 = c.ipv6();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            String key = pairs.get(i);
            String value = pairs.get(i + 1);
            if (key.startsWith("ipv4.")) {
                v4 = set(v4, key.substring(5), value);
            } else {
                v6 = set(v6, key.substring(5), value);
            }
        }
        connections.put(uuid, new NmcliConnection(c.name(), uuid, c.type(), c.device(), v4, v6));
    }

    private static NmcliDns set(NmcliDns d, String property, String value) {
        if (property.equals("dns")) {
            return new NmcliDns(d.method(), value, d.ignoreAutoDns(), d.search());
        }
        if (property.equals("ignore-auto-dns")) {
            return new NmcliDns(d.method(), d.dns(), value, d.search());
        }
        if (property.equals("dns-search")) {
            return new NmcliDns(d.method(), d.dns(), d.ignoreAutoDns(), value);
        }
        throw new AssertionError("the fake does not set " + property);
    }

    private static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "");
    }
}
