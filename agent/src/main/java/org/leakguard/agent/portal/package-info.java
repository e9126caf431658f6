/**
 * The captive-portal window: opened for a bounded time to the resolvers the network handed out,
 * closed by the OS at the end of it, and every opening and closing kept in a journal of its own.
 */
package org.leakguard.agent.portal;
