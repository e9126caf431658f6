package org.leakguard.agent.canary.dnstap;

import java.net.InetAddress;
import org.xbill.DNS.Name;

/** A query a server saw: the name asked and the address that asked it. */
public record Asked(Name name, InetAddress from) {}
