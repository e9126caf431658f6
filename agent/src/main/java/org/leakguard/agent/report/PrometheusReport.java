package org.leakguard.agent.report;

import java.time.Instant;
import org.leakguard.agent.spi.Status;

/**
 * A report in the Prometheus text exposition format (0.0.4) for node_exporter's textfile
 * collector: each family once, its HELP and TYPE first, label values escaped, no timestamps (the
 * collector refuses them). Every series carries the policy, so two policies can write two files
 * into the same folder without clashing.
 */
public final class PrometheusReport {
    private static final String NL = "\n";

    private PrometheusReport() {}

    public static String render(Report r, long remediations, Instant written) {
        StringBuilder s = new StringBuilder();
        String policy = "policy=\"" + escape(r.policy() == null ? "" : r.policy().name()) + "\"";
        family(s, "leakguard_last_run_timestamp_seconds", "gauge", "When the last run of this policy ended, in Unix time.");
        sample(s, "leakguard_last_run_timestamp_seconds", policy, seconds(written.toEpochMilli()));
        family(s, "leakguard_last_run_duration_seconds", "gauge", "How long the last run took.");
        sample(s, "leakguard_last_run_duration_seconds", policy, seconds(r.durationMs()));
        family(s, "leakguard_last_run_exit_code", "gauge", "The last run's exit code: 0 compliant or remediated, 3 non-compliant,"
                + " 4 rolled back, 5 rollback incomplete, 1 error, 2 invalid.");
        sample(s, "leakguard_last_run_exit_code", policy + ",command=\"" + escape(r.command()) + "\"", Integer.toString(r.exitCode()));
        family(s, "leakguard_last_run_result", "gauge", "1 for the last run's result, 0 for every other result.");
        for (Result result : Result.values()) {
            sample(s, "leakguard_last_run_result", policy + ",result=\"" + result.label() + "\"", result == r.result() ? "1" : "0");
        }
        controls(s, r, policy);
        probes(s, r, policy);
        family(s, "leakguard_build_info", "gauge", "Always 1; the labels name the agent's version and git commit.");
        sample(s, "leakguard_build_info", policy + ",version=\"" + escape(r.agent().version()) + "\",commit=\""
                + escape(r.agent().commit()) + "\"", "1");
        family(s, "leakguard_remediations_total", "counter", "Runs of this policy that changed the host and proved the change;"
                + " kept in the state folder across runs.");
        sample(s, "leakguard_remediations_total", policy, Long.toString(remediations));
        return s.toString();
    }

    private static void controls(StringBuilder s, Report r, String policy) {
        family(s, "leakguard_control_compliant", "gauge", "1 when the control is compliant (or was just remediated),"
                + " 0 when it is not or could not be told; absent when not applicable.");
        for (ControlReport c : r.controls()) {
            String value = compliance(c.status());
            if (value != null) {
                sample(s, "leakguard_control_compliant", "control=\"" + escape(c.id()) + "\"," + policy, value);
            }
        }
        family(s, "leakguard_control_status", "gauge", "1 for the control's status in the last run, 0 for every other status.");
        for (ControlReport c : r.controls()) {
            for (Status status : Status.values()) {
                sample(s, "leakguard_control_status", "control=\"" + escape(c.id()) + "\"," + policy + ",status=\""
                        + status.label() + "\"", status == c.status() ? "1" : "0");
            }
        }
    }

    private static void probes(StringBuilder s, Report r, String policy) {
        int failed = 0;
        int unknown = 0;
        for (ProbeReport p : r.probes()) {
            if (p.passed() == null) {
                unknown++;
            } else if (!p.passed()) {
                failed++;
            }
        }
        family(s, "leakguard_probes", "gauge", "Leak probes the last run sent.");
        sample(s, "leakguard_probes", policy, Integer.toString(r.probes().size()));
        family(s, "leakguard_probe_failures", "gauge", "Leak probes of the last run that saw a leak.");
        sample(s, "leakguard_probe_failures", policy, Integer.toString(failed));
        family(s, "leakguard_probes_unknown", "gauge", "Leak probes of the last run that could not tell (never counted as passed).");
        sample(s, "leakguard_probes_unknown", policy, Integer.toString(unknown));
    }

    /** 1 compliant, 0 not (an unknown is not proof), null when the control does not apply. */
    static String compliance(Status status) {
        if (status == Status.NOT_APPLICABLE) {
            return null;
        }
        return status == Status.COMPLIANT || status == Status.CHANGED ? "1" : "0";
    }

    private static void family(StringBuilder s, String name, String type, String help) {
        s.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append(NL);
        s.append("# TYPE ").append(name).append(' ').append(type).append(NL);
    }

    private static void sample(StringBuilder s, String name, String labels, String value) {
        s.append(name).append('{').append(labels).append("} ").append(value).append(NL);
    }

    /** A label value as the format escapes it: backslash, double quote and line feed. */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '"') {
                out.append("\\\"");
            } else if (c == '\n') {
                out.append("\\n");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Milliseconds as seconds with three decimals, without String.format. */
    static String seconds(long millis) {
        String fraction = Long.toString(Math.abs(millis % 1000) + 1000).substring(1);
        return (millis < 0 && millis > -1000 ? "-" : "") + (millis / 1000) + "." + fraction;
    }
}
