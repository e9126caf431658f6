package org.leakguard.agent.probe;

import java.util.Optional;

/** The path applications take to resolve a name, as a route's probe name follows it. */
interface SystemResolver {

    /** The addresses the host's resolver gives for {@code name}, or why none; may block for long. */
    RouteNames.Answer resolve(String name);

    /** The hosts file that lists {@code name}, when one does: the host then answers from it, not from DNS. */
    Optional<String> hostsFileListing(String name);

    SystemResolver OS = new OsResolver();
}
