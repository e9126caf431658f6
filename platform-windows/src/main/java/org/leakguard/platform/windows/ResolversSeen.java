package org.leakguard.platform.windows;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the resolvers control read.
 *
 * @param staticServers per adapter GUID, its static servers (IPv4 then IPv6) from the registry
 * @param nrpt leakguard's own NRPT rules
 * @param gpoNrpt the subkeys of the domain-GPO NRPT key: any one makes Windows ignore local rules
 * @param searchList the global suffix search list, empty when unset
 * @param listed the GUIDs Get-NetAdapter lists, upper case: only those can be pinned
 */
record ResolversSeen(List<Adapter> adapters, Map<String, List<String>> staticServers, List<NrptRule> nrpt,
        List<String> gpoNrpt, List<String> searchList, Set<String> listed) {
    ResolversSeen {
        listed = Set.copyOf(listed);
        adapters = List.copyOf(adapters);
        staticServers = Map.copyOf(staticServers);
        nrpt = List.copyOf(nrpt);
        gpoNrpt = List.copyOf(gpoNrpt);
        searchList = List.copyOf(searchList);
    }
}
