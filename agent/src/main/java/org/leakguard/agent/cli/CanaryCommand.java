package org.leakguard.agent.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.leakguard.agent.canary.CanaryConfig;
import org.leakguard.agent.canary.CanaryServer;
import org.leakguard.agent.canary.HeapBudget;
import org.leakguard.agent.canary.dnstap.DnstapEndpoint;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** The canary authority that leak tests ask which resolvers fetched a name. */
final class CanaryCommand {

    CommandSpec spec() {
        CommandSpec canary = Args.command(this, "canary",
                "The canary authority that leak tests ask which resolvers fetched a name.");
        return canary.addSubcommand("serve", new CommandLine(new Serve().spec()));
    }

    static final class Serve implements Callable<Integer> {
        static final String DEFAULT_DNS = "0.0.0.0:53";

        private final OptionSpec zone = Args.option("--zone", String.class, "<zone>",
                "The delegated zone, e.g. leaktest.corp.example.").required(true).build();
        private final OptionSpec dns = Args.option("--dns", String.class, "<dns>",
                "DNS listen address, UDP and TCP (default: " + DEFAULT_DNS + " unless --dnstap is given).").build();
        private final OptionSpec dnstap = Args.option("--dnstap", String[].class, "<dnstap>",
                "Read the dnstap stream of the zone's servers on this unix socket PATH (created mode 0660) or tcp:HOST:PORT;"
                        + " repeatable. Without --dns, no DNS is served here.").arity("1").build();
        private final OptionSpec http = Args.option("--http", String.class, "<http>",
                "HTTP listen address (default: ${DEFAULT-VALUE}).").defaultValue("0.0.0.0:8080").build();
        private final OptionSpec answer = Args.option("--answer", String.class, "<answer>",
                "The A record every name gets (default: ${DEFAULT-VALUE}).").defaultValue("192.0.2.1").build();
        private final OptionSpec ttl = Args.option("--ttl", String.class, "<ttl>",
                "How long an id's observations are kept (default: ${DEFAULT-VALUE}).").defaultValue("10m").build();
        private final OptionSpec maxIds = Args.option("--max-ids", int.class, "<maxIds>",
                "At most this many ids are kept (default: ${DEFAULT-VALUE}); bin/agent gives the server a heap of "
                        + "48 MiB + 2 KiB per id (" + HeapBudget.mebibytes(CanaryConfig.DEFAULT_MAX_IDS)
                        + " MiB at the default), and the whole process stays under that heap + 96 MiB.")
                .defaultValue(String.valueOf(CanaryConfig.DEFAULT_MAX_IDS)).build();
        private CommandSpec spec;

        CommandSpec spec() {
            spec = Args.command(this, "serve", "Serve a canary zone over DNS (UDP+TCP) and its observations over HTTP.");
            for (OptionSpec o : new OptionSpec[] {zone, dns, dnstap, http, answer, ttl, maxIds}) {
                spec.addOption(o);
            }
            return spec;
        }

        @Override
        public Integer call() throws Exception {
            if (Output.refusesTargets((AgentCommand) spec.root().userObject(), "canary serve", "runs until stopped and has no run result")) {
                return 2;
            }
            List<DnstapEndpoint> taps = new ArrayList<>();
            String[] given = dnstap.getValue();
            for (String t : given == null ? new String[0] : given) {
                taps.add(dnstapEndpoint(t));
            }
            String dnsText = dns.getValue() == null && taps.isEmpty() ? DEFAULT_DNS : dns.getValue();
            Optional<InetSocketAddress> dnsAt = dnsText == null ? Optional.empty() : Optional.of(endpoint("--dns", dnsText));
            CanaryConfig config = new CanaryConfig(name(zone.getValue()), dnsAt, taps,
                    endpoint("--http", http.getValue()), ip("--answer", answer.getValue()),
                    DurationArg.parse("--ttl", ttl.getValue()), maxIds.getValue());
            checkHeap(config.maxIds());
            CountDownLatch stop = new CountDownLatch(1);
            PrintWriter err = spec.commandLine().getErr();
            try (CanaryServer server = new CanaryServer(config, line -> log(err, line))) {
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                PrintWriter out = spec.commandLine().getOut();
                out.println("canary zone " + config.zone() + ": " + String.join(", ", server.listenerNames()));
                out.flush();
                stop.await();
            }
            return 0;
        }

        /** The id cap is a promise about memory: refuse a heap too small to keep it. */
        private void checkHeap(int ids) {
            long need = HeapBudget.mebibytes(ids);
            long have = Runtime.getRuntime().maxMemory() >> 20;
            if (have < need * 9 / 10) {
                throw new ParameterException(spec.commandLine(), "--max-ids " + ids + " needs a heap of " + need
                        + " MiB, this JVM has " + have + " MiB: start it through bin/agent, which sizes the heap for --max-ids,"
                        + " or give a smaller --max-ids");
            }
        }

        private static void log(PrintWriter err, String line) {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        }

        private Name name(String text) {
            try {
                return Name.fromString(text, Name.root);
            } catch (TextParseException e) {
                throw new ParameterException(spec.commandLine(), "--zone: not a DNS name: " + text);
            }
        }

        private InetAddress ip(String option, String text) {
            try {
                return org.xbill.DNS.Address.getByAddress(text);
            } catch (UnknownHostException e) {
                throw new ParameterException(spec.commandLine(), option + ": not an IP address: " + text);
            }
        }

        /** tcp:HOST:PORT, else the path of a unix socket to create. */
        private DnstapEndpoint dnstapEndpoint(String text) {
            if (text.startsWith("tcp:")) {
                return new DnstapEndpoint.Tcp(endpoint("--dnstap", text.substring(4)));
            }
            if (text.isBlank() || text.indexOf('\0') >= 0) {
                throw new ParameterException(spec.commandLine(), "--dnstap: expected a socket path or tcp:HOST:PORT, got " + text);
            }
            return new DnstapEndpoint.Unix(Path.of(text).toAbsolutePath());
        }

        /** HOST:PORT with an IP literal host; IPv6 in brackets ([::]:53). Never a DNS lookup. */
        private InetSocketAddress endpoint(String option, String text) {
            int colon = text.lastIndexOf(':');
            if (colon < 1) {
                throw new ParameterException(spec.commandLine(), option + ": expected HOST:PORT, got " + text);
            }
            String host = text.substring(0, colon).replace("[", "").replace("]", "");
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new InetSocketAddress(ip(option, host), port);
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), option + ": not a port: " + text.substring(colon + 1));
            }
        }
    }
}
