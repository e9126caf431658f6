package org.leakguard.platform.macos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leakguard.agent.host.Host;

/** The reads the resolvers control and diagnose share: services, their DNS, scutil, profiles. */
final class ServiceReads {
    private ServiceReads() {}

    /** Enabled services with valid names; the rest go to {@code skipped} with the reason. */
    static List<String> enabled(Host host, List<String> skipped) throws IOException {
        List<String> out = new ArrayList<>();
        for (NetworkService s : NetworkService.parse(Tools.stdout(host, NetworkService.LIST))) {
            if (!s.enabled()) {
                skipped.add("\"" + s.name() + "\" is disabled");
            } else if (!ServiceName.valid(s.name())) {
                skipped.add(invalid(s.name()));
            } else {
                out.add(s.name());
            }
        }
        return out;
    }

    private static String invalid(String name) {
        try {
            ServiceName.check(name);
            return name;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    static ServiceDns dns(Host host, String service, boolean search) throws IOException {
        List<String> servers = ServiceSetting.DNS_SERVERS.parse(
                Tools.stdout(host, ServiceSetting.DNS_SERVERS.read(service)));
        List<String> domains = search ? ServiceSetting.SEARCH_DOMAINS.parse(
                Tools.stdout(host, ServiceSetting.SEARCH_DOMAINS.read(service))) : null;
        return new ServiceDns(service, servers, domains);
    }

    static List<DnsResolver> scutil(Host host) throws IOException {
        return ScutilDns.parse(Tools.stdout(host, ScutilDns.COMMAND));
    }

    /** The files in /etc/resolver by name, with their text; empty when the folder is absent. */
    static Map<String, String> resolverFiles(Host host) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : host.files().list(ResolverFile.DIR)) {
            host.files().readString(ResolverFile.path(name)).ifPresent(text -> out.put(name, text));
        }
        return out;
    }

    static Set<String> profiles(Host host) throws IOException {
        return InstalledProfiles.parse(ProfilesAccess.read(host, InstalledProfiles.COMMAND));
    }
}
