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
 * @param rules every owner's local NRPT rules; read only when the policy routes domains
 * @param effective the NRPT in effect, one namespace an entry; read only when the policy routes domains
 */
record ResolversSeen(List<Adapter> adapters, Map<String, List<String>> staticServers, List<NrptRule> nrpt,
        List<String> gpoNrpt, List<String> searchList, Set<String> listed, List<NrptRoute> rules, List<NrptRoute> effective) {
    ResolversSeen {
        rules = List.copyOf(rules);
        effective = List.copyOf(effective);
        listed = Set.copyOf(listed);
        adapters = List.copyOf(adapters);
        staticServers = Map.copyOf(staticServers);
        nrpt = List.copyOf(nrpt);
        gpoNrpt = List.copyOf(gpoNrpt);
        searchList = List.copyOf(searchList);
    }
}
