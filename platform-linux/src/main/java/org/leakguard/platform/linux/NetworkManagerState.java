package org.leakguard.platform.linux;

import java.util.List;

/**
 * What was read about NetworkManager.
 *
 * @param configDir whether /etc/NetworkManager exists
 * @param conf leakguard's conf.d drop-in, or null when absent
 * @param status whether the daemon runs
 * @param detail how {@code status} was found, for messages
 * @param connections the active connections with their DNS settings, when it runs
 * @param problems what could not be read, each a sentence
 */
record NetworkManagerState(
        boolean configDir,
        String conf,
        NetworkManagerStatus status,
        String detail,
        List<NmcliConnection> connections,
        List<String> problems) {

    NetworkManagerState {
        connections = List.copyOf(connections);
        problems = List.copyOf(problems);
    }

    static NetworkManagerState notChecked(boolean configDir, String conf, String why) {
        return new NetworkManagerState(configDir, conf, NetworkManagerStatus.NOT_CHECKED, why, List.of(), List.of());
    }

    boolean running() {
        return status == NetworkManagerStatus.RUNNING;
    }
}
