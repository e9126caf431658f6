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
            hostAddress(key + "[" + i + "]", a, "a resolver");
            if (a instanceof java.net.Inet6Address six && a.isLinkLocalAddress() && six.getScopeId() == 0
                    && six.getScopedInterface() == null) {
                throw new InvalidSetting(key + "[" + i + "]", shown(a) + " is an IPv6 link-local address without a zone;"
                        + " it names no resolver until an interface is given, so use the resolver's global or"
                        + " unique-local address (e.g. \"2001:db8::53\")");
            }
        }
    }

    /**
     * Refuses what names no single host: the unspecified address (0.0.0.0, ::), the IPv4
     * broadcast address and multicast groups. Pinned, forbidden or blocked, such an address
     * would mean every host, or none.
     */
    static void hostAddresses(String key, List<InetAddress> addresses, String what) {
        for (int i = 0; i < addresses.size(); i++) {
            hostAddress(key + "[" + i + "]", addresses.get(i), what);
        }
    }

    private static void hostAddress(String key, InetAddress a, String what) {
        boolean broadcast = a instanceof java.net.Inet4Address && java.util.Arrays.equals(a.getAddress(),
                new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255});
        if (a.isAnyLocalAddress() || a.isMulticastAddress() || broadcast) {
            throw new InvalidSetting(key, shown(a) + " is " + (a.isAnyLocalAddress() ? "the unspecified address"
                    : broadcast ? "the broadcast address" : "a multicast address") + ", not " + what
                    + "; write one host's address, e.g. 203.0.113.53");
        }
    }

    /**
     * An RFC 8484 URI template such as {@code https://dns.example/dns-query{?dns}}: https, a host,
     * no whitespace or control character anywhere (browsers split template lists on spaces, so
     * one would name a second server), and no expression but {@code {?dns}}.
     */
    static void httpsTemplate(String key, String template) {
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c < 0x20 || c == 0x7f) {
                throw new InvalidSetting(key, quote(template) + " holds whitespace or a control character at position "
                        + (i + 1) + "; a DoH template is one URL, e.g. https://dns.corp.example/dns-query{?dns}");
            }
        }
        java.util.regex.Matcher m = TEMPLATE_EXPRESSION.matcher(template);
        while (m.find()) {
            if (!m.group().equals("{?dns}")) {
                throw new InvalidSetting(key, quote(template) + " has the expression " + quote(m.group())
                        + "; the only one RFC 8484 defines is {?dns}");
            }
        }
        String rest = m.replaceAll("");
        URI uri = uri(rest);
        if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0 || uri == null || !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
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

    /** The most of a value a message echoes: enough to recognise it, not a flood. */
    static final int MAX_ECHOED = 200;

    /**
     * Quoted and escaped, so a value cannot forge a second line or a closing quote in a message;
     * a long value is cut at {@link #MAX_ECHOED} characters, with its length.
     */
    static String quote(String value) {
        int shown = Math.min(value.length(), MAX_ECHOED);
        StringBuilder sb = new StringBuilder(shown + 32).append('"');
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
        if (shown < value.length()) {
            sb.insert(sb.length() - 1, "...").append(" (").append(value.length()).append(" characters)");
        }
        return sb.toString();
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
