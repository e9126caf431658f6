package org.leakguard.platform.linux;

import java.util.List;

/**
 * What the containers control read.
 *
 * @param evidence dockerd binaries and /etc/docker that exist; empty when Docker is not installed
 * @param daemonJson {@value DockerDnsControl#DAEMON_JSON}, or null when absent
 * @param offline true for a --root image: no process was looked at
 * @param dockerd the running dockerd's command line, or empty when none runs (or offline)
 * @param pid the running dockerd's process id, or 0 when none runs
 */
record DockerState(List<String> evidence, String daemonJson, boolean offline, List<String> dockerd, long pid) {
    DockerState {
        evidence = List.copyOf(evidence);
        dockerd = List.copyOf(dockerd);
    }

    boolean installed() {
        return !evidence.isEmpty();
    }

    boolean running() {
        return !dockerd.isEmpty();
    }
}
