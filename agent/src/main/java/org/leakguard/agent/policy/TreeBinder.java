package org.leakguard.agent.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Address;

/**
 * Binds a policy from its Jackson tree when every value is written the plain way: known keys,
 * text where text belongs, {@code true}/{@code false}, lists of text, the exact policy words.
 * Databind's first binding builds a deserializer per record by reflection, which costs more than
 * a compliant {@code check} itself; this does the same with a few node lookups.
 *
 * <p>It only ever accepts a subset of what databind accepts, and builds the records through
 * the same constructors. Anything else (including every mistake) makes it give up, and the
 * loader binds with databind, which places and words the error.
 */
final class TreeBinder {
    /** Thrown when the document is not written the plain way; carries no detail on purpose. */
    static final class NotPlain extends Exception {
        private static final long serialVersionUID = 1L;

        NotPlain() {
            super(null, null, false, false);
        }
    }

    private TreeBinder() {}

    static Policy policy(JsonNode n) throws NotPlain {
        keys(n, "apiVersion", "kind", "metadata", "spec");
        return new Policy(text(n.get("apiVersion")), text(n.get("kind")), metadata(n.get("metadata")), spec(n.get("spec")));
    }

    private static Metadata metadata(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        keys(n, "name", "description");
        return new Metadata(text(n.get("name")), text(n.get("description")));
    }

    private static Spec spec(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        keys(n, "resolvers", "smartNameResolution", "ipv6", "firewall", "browsers", "verify", "containers",
                "localNameResolution", "appliesTo", "rollout", "windows", "macos", "ipv6Loopback");
        return new Spec(resolvers(n.get("resolvers")), word(n.get("smartNameResolution"), Toggle.class),
                word(n.get("ipv6"), Toggle.class), firewall(n.get("firewall")), browsers(n.get("browsers")),
                verify(n.get("verify")), containers(n.get("containers")), word(n.get("localNameResolution"), Toggle.class),
                appliesTo(n.get("appliesTo")), rollout(n.get("rollout")), windows(n.get("windows")), macos(n.get("macos")),
                word(n.get("ipv6Loopback"), Toggle.class));
    }

    private static AppliesTo appliesTo(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        keys(n, "os", "hostnames", "labels");
        List<TargetOs> os = null;
        if (!absent(n.get("os"))) {
            os = new ArrayList<>();
            for (JsonNode item : items(n.get("os"))) {
                os.add(word(item, TargetOs.class));
            }
        }
        return new AppliesTo(os, texts(n.get("hostnames")), textMap(n.get("labels")));
    }

    private static Rollout rollout(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        keys(n, "percent");
        JsonNode percent = n.get("percent");
        if (absent(percent)) {
            return new Rollout(null);
        }
        if (!percent.isInt()) {
            throw new NotPlain();
        }
        return new Rollout(percent.intValue());
    }

    private static Resolvers resolvers(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        keys(n, "servers", "searchDomains", "fallback", "protectFromOverwrite", "encryption", "tlsName", "dohTemplate", "routes");
        return new Resolvers(addresses(n.get("servers")), texts(n.get("searchDomains")), word(n.get("fallback"), Fallback.class),
                bool(n.get("protectFromOverwrite")), word(n.get("encryption"), Encryption.class), text(n.get("tlsName")),
                text(n.get("dohTemplate")), routes(n.get("routes")));
    }

    private static List<Route> routes(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        List<Route> out = new ArrayList<>();
        for (JsonNode item : items(n)) {
            keys(item, "domains", "servers", "probeName", "canary");
            out.add(new Route(texts(item.get("domains")), addresses(item.get("servers")), text(item.get("probeName")),
                    canary(item.get("canary"))));
        }
        return out;
    }

    private static Firewall firewall(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        keys(n, "plainDns", "dnsOverTls", "publicDoh", "dohAddresses", "exceptions", "portal");
        return new Firewall(word(n.get("plainDns"), PortRule.class), word(n.get("dnsOverTls"), PortRule.class),
                word(n.get("publicDoh"), DohRule.class), addresses(n.get("dohAddresses")), exceptions(n.get("exceptions")),
                portal(n.get("portal")));
    }

    private static List<Exemption> exceptions(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        List<Exemption> out = new ArrayList<>();
        for (JsonNode item : items(n)) {
            keys(item, "user", "cgroup", "program");
            out.add(new Exemption(text(item.get("user")), text(item.get("cgroup")), text(item.get("program"))));
        }
        return out;
    }

    private static Portal portal(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        keys(n, "maxWindow");
        return new Portal(duration(n.get("maxWindow")));
    }

    private static Browsers browsers(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        keys(n, "doh");
        return new Browsers(word(n.get("doh"), BrowserDoh.class));
    }

    private static Containers containers(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        keys(n, "dockerDns");
        return new Containers(word(n.get("dockerDns"), DockerDns.class));
    }

    private static Windows windows(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        keys(n, "disabledComponents", "unbindIpv6", "dohPolicy");
        return new Windows(integer(n.get("disabledComponents")), bool(n.get("unbindIpv6")), word(n.get("dohPolicy"), DohPolicy.class));
    }

    private static Macos macos(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        keys(n, "privateRelay");
        return new Macos(word(n.get("privateRelay"), Toggle.class));
    }

    private static Verify verify(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        keys(n, "probes", "forbidden", "canary", "timeout", "onFailure", "probePublicDoh");
        return new Verify(bool(n.get("probes")), addresses(n.get("forbidden")), canary(n.get("canary")),
                duration(n.get("timeout")), word(n.get("onFailure"), OnFailure.class), bool(n.get("probePublicDoh")));
    }

    private static Canary canary(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        keys(n, "domain", "api", "expect");
        JsonNode api = n.get("api");
        return new Canary(text(n.get("domain")), api != null && api.isTextual() ? List.of(api.textValue()) : texts(api),
                addresses(n.get("expect")));
    }

    /** A missing key and an empty value ({@code key:}) both bind to null, as in databind. */
    private static boolean absent(JsonNode n) {
        return n == null || n.isNull();
    }

    /** A mapping whose keys are all among {@code known}; with none named, any keys. */
    private static void keys(JsonNode n, String... known) throws NotPlain {
        if (n == null || !n.isObject()) {
            throw new NotPlain();
        }
        if (known.length == 0) {
            return;
        }
        Set<String> allowed = Set.of(known);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            if (!allowed.contains(it.next())) {
                throw new NotPlain();
            }
        }
    }

    private static String text(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        if (!n.isTextual()) {
            throw new NotPlain();
        }
        return n.textValue();
    }

    private static Boolean bool(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        if (!n.isBoolean()) {
            throw new NotPlain();
        }
        return n.booleanValue();
    }

    /** A whole number written as one (42, 0xFF), not as text. */
    private static Long integer(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new NotPlain();
        }
        return n.longValue();
    }

    /** The constant whose policy word is exactly the text. */
    private static <E extends Enum<E> & YamlWord> E word(JsonNode n, Class<E> type) throws NotPlain {
        String text = text(n);
        if (text == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.yaml().equals(text)) {
                return e;
            }
        }
        throw new NotPlain();
    }

    private static Duration duration(JsonNode n) throws NotPlain {
        String text = text(n);
        if (text == null) {
            return null;
        }
        Duration d = DurationDeserializer.parse(text);
        if (d == null) {
            throw new NotPlain();
        }
        return d;
    }

    private static List<String> texts(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : items(n)) {
            if (!item.isTextual()) {
                throw new NotPlain();
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** A mapping of text to text; an empty value is left to databind, which refuses it. */
    private static Map<String, String> textMap(JsonNode n) throws NotPlain {
        if (absent(n)) {
            return null;
        }
        keys(n);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!e.getValue().isTextual()) {
                throw new NotPlain();
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** IP literals parsed as {@link IpLiteralDeserializer} does: never a lookup. */
    private static List<InetAddress> addresses(JsonNode n) throws NotPlain {
        List<String> texts = texts(n);
        if (texts == null) {
            return null;
        }
        List<InetAddress> out = new ArrayList<>();
        for (String text : texts) {
            try {
                out.add(Address.getByAddress(text));
            } catch (UnknownHostException e) {
                throw new NotPlain();
            }
        }
        return out;
    }

    private static JsonNode items(JsonNode n) throws NotPlain {
        if (!n.isArray()) {
            throw new NotPlain();
        }
        return n;
    }
}
