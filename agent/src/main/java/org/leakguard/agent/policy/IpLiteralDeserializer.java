package org.leakguard.agent.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/**
 * IP address literals only. Jackson's own InetAddress support calls
 * {@code InetAddress.getByName}, which would send a DNS query for a name written where an
 * address belongs: a policy that pins resolvers must not depend on, or leak to, the resolver
 * it replaces. dnsjava's {@code Address.getByAddress(String)} parses the text and never
 * resolves; the returned address keeps the literal as its host name, so no later
 * {@code getHostName()} triggers a reverse lookup either.
 */
final class IpLiteralDeserializer extends StdScalarDeserializer<InetAddress> {
    IpLiteralDeserializer() {
        super(InetAddress.class);
    }

    @Override
    public InetAddress deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return (InetAddress) ctxt.handleUnexpectedToken(InetAddress.class, p);
        }
        String text = p.getText();
        try {
            return Address.getByAddress(text);
        } catch (UnknownHostException e) {
            throw InvalidFormatException.from(p, Checks.quote(text) + " is not an IP address literal;"
                    + " names are not looked up here, write the address itself, e.g. 203.0.113.53"
                    + " or \"2001:db8::53\"", text, InetAddress.class);
        }
    }
}
