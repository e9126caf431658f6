package org.leakguard.agent.policy;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which hosts the policy is for. Every rule given must match; an absent rule matches every host.
 *
 * @param os the platforms the policy is for
 * @param hostnames globs ({@code *}, {@code ?}) matched against the host's name, ignoring case
 * @param labels each key must have exactly this value in the host's labels file
 */
public record AppliesTo(
        List<TargetOs> os,
        List<String> hostnames,
        // A label without a value binds, so the rules can say which value is missing.
        @JsonSetter(contentNulls = Nulls.SET) Map<String, String> labels) {
    public AppliesTo {
        os = os == null ? null : List.copyOf(os);
        hostnames = hostnames == null ? null : List.copyOf(hostnames);
        // Sorted, so messages name labels in a stable order; a missing value is left for PolicyRules to refuse.
        labels = labels == null ? null : Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}
