package org.leakguard.agent.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The OS resolver (getaddrinfo, the DNS Client service, mDNSResponder) through the JVM, which is
 * the path every application takes, per-domain routing included. The JVM caches answers (30 s, and
 * 10 s for "no such name"), which would let a long-lived {@code agent watch} report what DNS said
 * earlier; {@code Main.freshLookups} turns that cache off before the first lookup. The OS consults
 * its hosts file before DNS, so a name listed there is reported, not taken for a DNS answer.
 */
final class OsResolver implements SystemResolver {

    @Override
    public RouteNames.Answer resolve(String name) {
        try {
            return new RouteNames.Answer(Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress).toList(), null);
        } catch (UnknownHostException e) {
            return RouteNames.Answer.none(Network.describe(e));
        }
    }

    @Override
    public Optional<String> hostsFileListing(String name) {
        Path hosts = hostsFile();
        try {
            return lists(Files.readString(hosts, StandardCharsets.ISO_8859_1), name) ? Optional.of(hosts.toString()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where the OS keeps its hosts file; the JVM's own {@code jdk.net.hosts.file} replaces it when set. */
    static Path hostsFile() {
        String jvm = System.getProperty("jdk.net.hosts.file");
        if (jvm != null) {
            return Path.of(jvm);
        }
        String root = System.getenv("SystemRoot");
        if (System.getProperty("os.name", "").startsWith("Windows") && root != null) {
            return Path.of(root, "System32", "drivers", "etc", "hosts");
        }
        return Path.of("/etc/hosts");
    }

    /** Whether a hosts file's text gives {@code name} an address: any line's name or alias, ignoring case and a final dot. */
    static boolean lists(String text, String name) {
        String wanted = plain(name);
        for (String line : text.split("\r?\n")) {
            int hash = line.indexOf('#');
            String[] fields = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
            for (int i = 1; i < fields.length; i++) {
                if (plain(fields[i]).equals(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String plain(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
