package org.leakguard.agent.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.AppliesTo;
import org.leakguard.agent.policy.HostLabels;
import org.leakguard.agent.policy.Policy;
import org.leakguard.agent.policy.PolicyException;
import org.leakguard.agent.policy.Rollout;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.TargetOs;
import org.leakguard.agent.spi.Platform;

/**
 * Whether a policy's {@code appliesTo} and {@code rollout} take in this host, and if not, which rule
 * left it out. A policy without either takes in every host at the cost of two field reads; the labels
 * file and the machine id are read only when a rule needs them.
 */
final class Scope {
    private final Platform platform;
    private final Host host;

    Scope(Platform platform, Host host) {
        this.platform = platform;
        this.host = host;
    }

    /** Why the host is out of the policy's scope, or empty when it is in. */
    Optional<String> exclusion(Policy policy) throws IOException, PolicyException {
        Spec spec = policy.spec();
        if (spec.appliesTo() != null) {
            Optional<String> why = appliesTo(spec.appliesTo());
            if (why.isPresent()) {
                return why;
            }
        }
        return spec.rollout() == null ? Optional.empty() : rollout(policy.name(), spec.rollout());
    }

    private Optional<String> appliesTo(AppliesTo a) throws IOException, PolicyException {
        if (a.os() != null && a.os().stream().map(TargetOs::yaml).noneMatch(platform.id()::equals)) {
            return Optional.of("spec.appliesTo.os is " + words(a.os()) + " and this host is " + platform.id());
        }
        String name = host.info().name();
        if (a.hostnames() != null && a.hostnames().stream().noneMatch(glob -> matches(glob, name))) {
            return Optional.of("spec.appliesTo.hostnames " + a.hostnames() + " does not match this host's name " + name);
        }
        return a.labels() == null ? Optional.empty() : labels(a.labels());
    }

    private Optional<String> labels(Map<String, String> wanted) throws IOException, PolicyException {
        String file = platform.labelsFile();
        Optional<byte[]> bytes = host.files().read(file);
        if (bytes.isEmpty()) {
            return Optional.of("spec.appliesTo.labels asks for " + shown(wanted) + " and this host has no labels file " + file);
        }
        Map<String, String> have = HostLabels.parse(file, bytes.get());
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            String value = have.get(w.getKey());
            if (!w.getValue().equals(value)) {
                return Optional.of("spec.appliesTo.labels asks for " + w.getKey() + "=" + w.getValue() + " and " + file
                        + (value == null ? " has no " + w.getKey() : " has " + w.getKey() + "=" + value));
            }
        }
        return Optional.empty();
    }

    private Optional<String> rollout(String policyName, Rollout r) {
        int percent = r.percent();
        if (percent >= Rollout.ALL) {
            return Optional.empty();
        }
        if (percent <= 0) {
            return Optional.of("spec.rollout.percent is 0: no host is in this rollout yet");
        }
        Optional<String> id = platform.machineId(host);
        if (id.isEmpty() || id.get().isBlank()) {
            return Optional.of("spec.rollout.percent is " + percent + " and this host has no machine id to place it in a"
                    + " rollout bucket; it joins at 100");
        }
        int bucket = RolloutBucket.of(policyName, id.get());
        return RolloutBucket.in(bucket, percent) ? Optional.empty()
                : Optional.of("spec.rollout.percent is " + percent + " and this host's bucket is " + bucket
                        + " (0-99, from the policy name and the machine id); it joins when percent is above " + bucket);
    }

    /** A glob of {@code *} (any run of characters) and {@code ?} (one), against the whole name, ignoring case. */
    static boolean matches(String glob, String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    private static String words(List<TargetOs> os) {
        List<String> words = new ArrayList<>();
        for (TargetOs o : os) {
            words.add(o.yaml());
        }
        return words.toString();
    }

    private static String shown(Map<String, String> labels) {
        List<String> pairs = new ArrayList<>();
        labels.forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(", ", pairs);
    }
}
