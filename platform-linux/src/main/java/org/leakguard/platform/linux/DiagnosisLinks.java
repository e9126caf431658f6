package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-interface DNS servers from {@code resolvectl status} and {@code nmcli -t device show}. Pure. */
final class DiagnosisLinks {
    static final List<String> RESOLVECTL = List.of("resolvectl", "status", "--no-pager");
    static final List<String> NMCLI = List.of("nmcli", "-t", "-f", "GENERAL.DEVICE,IP4.DNS,IP6.DNS", "device", "show");

    private DiagnosisLinks() {}

    /** "Global" or "Link 2 (eth0)" to its servers; "Global fallback" for the FallbackDNS list. */
    static Map<String, List<String>> parseResolvectl(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String section = null;
        List<String> current = null;
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (!line.startsWith(" ") && (s.equals("Global") || s.startsWith("Link "))) {
                section = s;
                current = null;
            } else if (section != null && s.contains(":") && label(s) != null) {
                String key = label(s).equals("Fallback DNS Servers") ? section + " fallback" : section;
                current = out.computeIfAbsent(key, k -> new ArrayList<>());
                addAll(current, s.substring(s.indexOf(':') + 1));
            } else if (current != null && line.startsWith(" ") && !s.isEmpty() && !isLabelled(s)) {
                addAll(current, s);
            } else {
                current = null;
            }
        }
        return out;
    }

    /** The server-list label of a line, or null for any other label. */
    private static String label(String s) {
        String l = s.substring(0, s.indexOf(':')).strip();
        return l.equals("DNS Servers") || l.equals("Fallback DNS Servers") ? l : null;
    }

    /** A continuation line holds addresses only; a labelled one starts with words and a colon-space. */
    private static boolean isLabelled(String s) {
        return s.matches("[A-Za-z][A-Za-z .-]*:( .*)?");
    }

    private static void addAll(List<String> into, String words) {
        for (String w : words.strip().split("\\s+")) {
            if (!w.isEmpty()) {
                into.add(w);
            }
        }
    }

    /** Device to its IPv4 and IPv6 servers, from the terse (-t) output. */
    static Map<String, List<String>> parseNmcli(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String device = null;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            if (key.equals("GENERAL.DEVICE")) {
                device = value;
                out.put(device, new ArrayList<>());
            } else if (device != null && (key.startsWith("IP4.DNS") || key.startsWith("IP6.DNS")) && !value.isEmpty()) {
                out.get(device).add(value);
            }
        }
        return out;
    }
}
