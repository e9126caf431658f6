/**
 * The dnstap collector: a Frame Streams reader (unix or TCP socket, bidirectional handshake) for
 * the {@code protobuf:dnstap.Dnstap} messages that authoritative servers and resolvers write, and
 * the decoding of each query message into the name asked and the address that asked it.
 */
package org.leakguard.agent.canary.dnstap;
