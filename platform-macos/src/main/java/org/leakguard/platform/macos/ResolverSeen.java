package org.leakguard.platform.macos;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the resolvers control read.
 *
 * @param problem why the services could not be read (the verdict is then unknown)
 * @param skipped disabled services and names leakguard will not pass to networksetup, with why
 * @param resolvers scutil's view, or empty with {@code scutilProblem} set
 * @param profiles identifiers {@code profiles list} showed, or null when not read or unreadable
 * @param resolverFiles the files in /etc/resolver by name, with their text
 */
record ResolverSeen(String problem, List<ServiceDns> services, List<String> skipped, List<DnsResolver> resolvers,
        String scutilProblem, Set<String> profiles, String profilesProblem, Map<String, String> resolverFiles) {

    ResolverSeen {
        // Sorted, so the plan lists changes in the same order on every run.
        resolverFiles = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(resolverFiles));
    }

    static ResolverSeen unreadable(String problem) {
        return new ResolverSeen(problem, List.of(), List.of(), List.of(), null, null, null, Map.of());
    }
}
