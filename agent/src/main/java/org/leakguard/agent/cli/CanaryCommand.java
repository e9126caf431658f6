package org.leakguard.agent.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.leakguard.agent.canary.CanaryConfig;
import org.leakguard.agent.canary.CanaryServer;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "canary", description = "The canary authority that leak tests ask which resolvers fetched a name.",
        subcommands = CanaryCommand.Serve.class)
final class CanaryCommand {

    @Command(name = "serve", description = "Serve a canary zone over DNS (UDP+TCP) and its observations over HTTP.")
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--zone", required = true, description = "The delegated zone, e.g. leaktest.corp.example.")
        String zone;

        @Option(names = "--dns", defaultValue = "0.0.0.0:53", description = "DNS listen address (default: ${DEFAULT-VALUE}).")
        String dns;

        @Option(names = "--http", defaultValue = "0.0.0.0:8080", description = "HTTP listen address (default: ${DEFAULT-VALUE}).")
        String http;

        @Option(names = "--answer", defaultValue = "192.0.2.1", description = "The A record every name gets (default: ${DEFAULT-VALUE}).")
        String answer;

        @Option(names = "--ttl", defaultValue = "10m", description = "How long an id's observations are kept (default: ${DEFAULT-VALUE}).")
        String ttl;

        @Option(names = "--max-ids", defaultValue = "100000", description = "At most this many ids are kept (default: ${DEFAULT-VALUE}).")
        int maxIds;

        @Override
        public Integer call() throws Exception {
            CanaryConfig config = new CanaryConfig(name(zone), endpoint("--dns", dns), endpoint("--http", http),
                    ip("--answer", answer), DurationArg.parse("--ttl", ttl), maxIds);
            CountDownLatch stop = new CountDownLatch(1);
            try (CanaryServer server = new CanaryServer(config)) {
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                PrintWriter out = spec.commandLine().getOut();
                out.println("canary zone " + config.zone() + ": dns " + show(server.dnsAddress()) + " (udp, tcp), http "
                        + show(server.httpAddress()));
                out.flush();
                stop.await();
            }
            return 0;
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

        private static String show(InetSocketAddress a) {
            String host = a.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
        }
    }
}
