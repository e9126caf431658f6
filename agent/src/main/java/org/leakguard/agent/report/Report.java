package org.leakguard.agent.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The outcome of one run, as scripts read it. Field names and values are a contract: extend it,
 * never rename.
 */
@JsonPropertyOrder({"result", "exitCode", "command", "policy", "host", "transaction", "durationMs", "controls", "probes", "messages",
    "agent"})
public record Report(
        Result result,
        int exitCode,
        String command,
        PolicyRef policy,
        HostRef host,
        String transaction,
        long durationMs,
        List<ControlReport> controls,
        List<ProbeReport> probes,
        List<String> messages) {

    public Report {
        controls = List.copyOf(controls);
        probes = List.copyOf(probes);
        messages = List.copyOf(messages);
    }

    /** The build of the agent that wrote the report: {@code agent} {version, commit}, for fleet inventories. */
    @com.fasterxml.jackson.annotation.JsonProperty("agent")
    public Build agent() {
        return Build.current();
    }

    /** The same report with one more message. */
    public Report withMessage(String message) {
        List<String> more = new java.util.ArrayList<>(messages);
        more.add(message);
        return new Report(result, exitCode, command, policy, host, transaction, durationMs, controls, probes, more);
    }

    /** The policy a run used: its name and the sha256 of the file's bytes. */
    public record PolicyRef(String name, String sha256) {}

    public record HostRef(String name, String os) {}
}
