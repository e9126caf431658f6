package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A firewall rule as the NetSecurity cmdlets hold it (MSFT_NetFirewallRule with its port and
 * address filters, or MSFT_NetFirewallHyperVRule): enums with the numbers Microsoft documents,
 * addresses as Windows prints them back. Built from a script's {@code $in.state} the way parameter
 * binding converts it, and printed the way the read script projects it, never through the
 * product's own records.
 *
 * @param vmCreatorId null for a host rule
 * @param program as Get-NetFirewallApplicationFilter prints it: a path, or "Any"
 */
record FakeRule(String name, String displayName, String group, Direction direction, Action action, Enabled enabled, String protocol,
        List<String> remotePort, List<String> remoteAddress, String vmCreatorId, String program) {

    /** MSFT_NetFirewallRule.Direction. */
    enum Direction implements PsConvertToJson.PsEnum {
        Inbound(1), Outbound(2);

        private final int value;

        Direction(int value) {
            this.value = value;
        }

        @Override
        public int value() {
            return value;
        }
    }

    /** MSFT_NetFirewallRule.Action (Allow 2, AllowBypass 3, Block 4); NotConfigured 0 as the cmdlets add it. */
    enum Action implements PsConvertToJson.PsEnum {
        NotConfigured(0), Allow(2), AllowBypass(3), Block(4);

        private final int value;

        Action(int value) {
            this.value = value;
        }

        @Override
        public int value() {
            return value;
        }
    }

    /** MSFT_NetFirewallRule.Enabled. */
    enum Enabled implements PsConvertToJson.PsEnum {
        True(1), False(2);

        private final int value;

        Enabled(int value) {
            this.value = value;
        }

        @Override
        public int value() {
            return value;
        }
    }

    FakeRule {
        remotePort = List.copyOf(remotePort);
        // Windows prints a one-address range as the address.
        remoteAddress = remoteAddress.stream().map(a -> {
            int dash = a.indexOf('-');
            return dash > 0 && a.substring(0, dash).equalsIgnoreCase(a.substring(dash + 1)) ? a.substring(0, dash) : a;
        }).toList();
    }

    /**
     * New-/Set-NetFirewall(HyperV)Rule bound from {@code $x}: an enum from its name in any case or
     * its number, else the binding error; the protocol as Windows stores it (upper case).
     */
    static FakeRule bind(String name, String group, JsonNode x, String vmCreatorId) {
        return new FakeRule(name, x.path("displayName").asText(), group, bindEnum(Direction.class, "Direction", x.get("direction")),
                bindEnum(Action.class, "Action", x.get("action")), bindEnum(Enabled.class, "Enabled", x.get("enabled")),
                x.path("protocol").asText().toUpperCase(Locale.ROOT), PsJson.strings(x.get("remotePort")),
                PsJson.strings(x.get("remoteAddress")), vmCreatorId, program(x));
    }

    /**
     * The script passes {@code -Program} always: {@code $x.program} when it has one, else "Any"
     * (Set-NetFirewallRule without -Program would keep the rule's old program).
     */
    private static String program(JsonNode x) {
        String p = x.path("program").asText("");
        return p.isEmpty() ? "Any" : p;
    }

    private static <E extends Enum<E> & PsConvertToJson.PsEnum> E bindEnum(Class<E> type, String parameter, JsonNode v) {
        for (E e : type.getEnumConstants()) {
            if (v != null && (v.isTextual() && e.name().equalsIgnoreCase(v.asText()) || v.isInt() && e.value() == v.asInt())) {
                return e;
            }
        }
        throw new FakeWindows.Thrown("Cannot bind parameter '" + parameter + "'. Cannot convert value \"" + v + "\" to type"
                + " \"Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetSecurity." + parameter + "\"");
    }

    /** The read script's [ordered] projection: enums through [string], so by name. */
    Map<String, Object> projected() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("displayName", displayName);
        out.put("direction", direction.name());
        out.put("action", action.name());
        out.put("enabled", enabled.name());
        if (vmCreatorId != null) {
            out.put("vmCreatorId", vmCreatorId);
        }
        out.put("protocol", protocol);
        out.put("remotePort", remotePort);
        out.put("remoteAddress", remoteAddress);
        if (vmCreatorId == null) {
            out.put("program", program);
        }
        return out;
    }

    FakeRule with(Enabled e) {
        return new FakeRule(name, displayName, group, direction, action, e, protocol, remotePort, remoteAddress, vmCreatorId, program);
    }

    FakeRule withAddresses(List<String> addresses) {
        return new FakeRule(name, displayName, group, direction, action, enabled, protocol, remotePort, addresses, vmCreatorId, program);
    }

    FakeRule withCreator(String creator) {
        return new FakeRule(name, displayName, group, direction, action, enabled, protocol, remotePort, remoteAddress, creator, program);
    }

    FakeRule inGroup(String g) {
        return new FakeRule(name, displayName, g, direction, action, enabled, protocol, remotePort, remoteAddress, vmCreatorId, program);
    }
}
