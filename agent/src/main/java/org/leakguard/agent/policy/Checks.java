package org.leakguard.agent.policy;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Syntax rules for policy values. Values end up in resolver configs, registry values,
 * firewall comments and URLs, so they are checked here once instead of escaped everywhere.
 */
final class Checks {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");
    private static final Pattern TEMPLATE_EXPRESSION = Pattern.compile("\\{[^{}]*}");

    private Checks() {}

    static void policyName(String key, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidSetting(key, "missing; give the policy a short name such as corp-vpn-baseline");
        }
        if (!POLICY_NAME.matcher(name).matches()) {
            throw new InvalidSetting(key, quote(name) + " is not a valid name; use 1 to 63 letters, digits,"
                    + " '.', '_' or '-', starting and ending with a letter or digit");
        }
    }

    static void domainName(String key, String name) {
        if (name == null) {
            throw new InvalidSetting(key, "missing; write a DNS name such as corp.example");
        }
        if (!isDomainName(name)) {
            throw new InvalidSetting(key, quote(name) + " is not a DNS name; use dot-separated labels of"
                    + " letters, digits and '-' (e.g. corp.example), without a trailing dot");
        }
    }

    static void domainNames(String key, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            domainName(key + "[" + i + "]", names.get(i));
        }
    }

    static void resolverAddresses(String key, List<InetAddress> addresses) {
        for (int i = 0; i < addresses.size(); i++) {
            InetAddress a = addresses.get(i);
            if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
                throw new InvalidSetting(key + "[" + i + "]", shown(a)
                        + " is an unspecified or multicast address, not a resolver");
            }
        }
    }

    /** An RFC 8484 URI template such as {@code https://dns.example/dns-query{?dns}}. */
    static void httpsTemplate(String key, String template) {
        URI uri = uri(TEMPLATE_EXPRESSION.matcher(template).replaceAll(""));
        if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new InvalidSetting(key, quote(template) + " is not an https:// URL such as"
                    + " https://dns.corp.example/dns-query");
        }
    }

    /** One canary API or several, each checked; several are named by index. */
    static void canaryApis(String key, List<String> apis) {
        if (apis.isEmpty()) {
            canaryApi(key, null);
        }
        for (int i = 0; i < apis.size(); i++) {
            canaryApi(apis.size() == 1 ? key : key + "[" + i + "]", apis.get(i));
        }
        if (new java.util.HashSet<>(apis).size() != apis.size()) {
            throw new InvalidSetting(key, "names one URL twice; list each canary API once");
        }
    }

    /** The canary authority's HTTP API; {id} is replaced by the probe's random label. */
    static void canaryApi(String key, String api) {
        if (api == null) {
            throw new InvalidSetting(key, "missing; write the URL that reports who asked, e.g."
                    + " http://192.0.2.10:8080/v1/observations/{id}");
        }
        if (!api.contains("{id}")) {
            throw new InvalidSetting(key, quote(api) + " has no {id}; the probe needs it to ask about"
                    + " its own random name, e.g. http://192.0.2.10:8080/v1/observations/{id}");
        }
        URI uri = uri(api.replace("{id}", "id"));
        if (uri == null || uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme())
                || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new InvalidSetting(key, quote(api) + " is not an http:// or https:// URL");
        }
    }

    /**
     * The address as the policy wrote it. {@code toString()} never resolves, unlike
     * {@code getHostName()} on an address built without a name.
     */
    static String shown(InetAddress a) {
        String s = a.toString();
        int slash = s.indexOf('/');
        return slash > 0 ? s.substring(0, slash) : s.substring(slash + 1);
    }

    /** Quoted and escaped, so a value cannot forge a second line or a closing quote in a message. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static boolean isDomainName(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
