package org.leakguard.agent.spi;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;

/**
 * One OS's captive-portal window: for a short time, DNS to the resolvers the network itself gave
 * the host (a hotel's, an airport's) is let through, so its sign-in page can be found; the OS, not
 * the agent, closes it when the time is up. Reads are read-only; changes go through the journal.
 */
public interface PortalWindow {

    /** Why the window cannot open on this host for this policy now (e.g. its rules are not loaded), or empty. */
    Optional<String> unavailable(Spec spec, Host host) throws IOException;

    /**
     * The resolvers the network handed out (DHCP leases, link state), each with where it was read,
     * and a line for each source that could not be judged and was left out.
     */
    Found networkResolvers(Host host) throws IOException;

    /** The change that opens the window to {@code resolvers} for {@code length}, until {@code until}. */
    Step open(List<InetAddress> resolvers, Duration length, Instant until);

    /** The change that closes what is open of the window now; {@code why} is journaled with it. */
    Step close(String why);

    /**
     * The changes that point the host's resolver at {@code resolvers} while the window is open, so
     * a browser finds the sign-in page by itself; the pinned servers stay after them. None where the
     * resolver configuration cannot be pointed. Reads only.
     */
    default List<PlatformChange> pointAt(Host host, List<InetAddress> resolvers) throws IOException {
        return List.of();
    }

    /** What the window holds open now, each address with when the OS closes it; empty when closed. */
    List<Opening> openNow(Host host) throws IOException;

    /** A resolver the network handed out, and the file or program that says so. */
    record Resolver(InetAddress address, String source) {}

    /** The resolvers found, and why any source was left out (its leases neither opened nor refused). */
    record Found(List<Resolver> resolvers, List<String> leftOut) {
        public Found {
            resolvers = List.copyOf(resolvers);
            leftOut = List.copyOf(leftOut);
        }
    }

    /** An address the window lets DNS reach, and when the OS closes it (ISO-8601). */
    record Opening(InetAddress address, String closes) {}

    /**
     * A change of the resolver configuration journaled with an opening. The close of the window is
     * another transaction, so it cannot undo the opening's; it applies {@link #back} instead.
     */
    interface Pointing extends PlatformChange {
        /** The change that puts back {@code before}, as this pointing captured it; {@code why} says which close. */
        PlatformChange back(BeforeImage before, String why);
    }

    /**
     * A journaled change of the window. An opening names its addresses and the instant the OS
     * closes them; a closing names none and says why.
     */
    interface Step extends PlatformChange {
        /** The addresses opened, or empty for a closing. */
        List<String> addresses();

        /** When the OS closes the opening (ISO-8601), or null for a closing. */
        String until();
    }
}
