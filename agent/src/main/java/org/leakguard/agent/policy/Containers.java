package org.leakguard.agent.policy;

/** DNS of containers the host runs: they do not cross the host's output path. */
public record Containers(DockerDns dockerDns) {
    public Containers {
        dockerDns = dockerDns == null ? DockerDns.UNMANAGED : dockerDns;
    }
}
