package org.leakguard.agent.policy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules of {@code spec.appliesTo} and {@code spec.rollout}, apart from the DNS rules in {@link PolicyRules}. */
final class TargetRules {
    /** What a host name may hold, plus the glob's {@code *} and {@code ?}. */
    static final Pattern HOSTNAME_GLOB = Pattern.compile("[A-Za-z0-9.*?_-]{1,253}");
    /** A label key or value: 1 to 63 letters, digits, '.', '_', '-' or '/', starting and ending with a letter or digit. */
    static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._/-]{0,61}[A-Za-z0-9])?");

    private TargetRules() {}

    static void appliesTo(AppliesTo a) {
        notEmpty("spec.appliesTo.os", a.os());
        notEmpty("spec.appliesTo.hostnames", a.hostnames());
        if (a.hostnames() != null) {
            for (int i = 0; i < a.hostnames().size(); i++) {
                String glob = a.hostnames().get(i);
                if (!HOSTNAME_GLOB.matcher(glob).matches()) {
                    throw new InvalidSetting("spec.appliesTo.hostnames[" + i + "]", Checks.quote(glob)
                            + " is not a host name glob; use letters, digits, '.', '-', '_' and the wildcards * and ?,"
                            + " e.g. web-* or *.corp.example");
                }
            }
        }
        if (a.labels() != null) {
            if (a.labels().isEmpty()) {
                throw new InvalidSetting("spec.appliesTo.labels", "empty; name at least one label (e.g. role: web)"
                        + " or leave the key out to match every host");
            }
            for (Map.Entry<String, String> e : a.labels().entrySet()) {
                label("spec.appliesTo.labels", e.getKey(), e.getValue());
            }
        }
    }

    static void rollout(Rollout r) {
        int percent = r.percent();
        if (percent < 0 || percent > Rollout.ALL) {
            throw new InvalidSetting("spec.rollout.percent", percent + " is out of range; use a whole number from 0"
                    + " (no host) to 100 (every host), e.g. 5, then 50, then 100");
        }
    }

    /** A label as a labels file or a policy writes it; {@code where} is the key path or file it came from. */
    static void label(String where, String key, String value) {
        if (!LABEL.matcher(key).matches()) {
            throw new InvalidSetting(where, Checks.quote(key) + " is not a label name; use 1 to 63 letters,"
                    + " digits, '.', '_', '-' or '/', starting and ending with a letter or digit");
        }
        String path = KeyPath.join(where, key);
        if (value == null) {
            throw new InvalidSetting(path, "missing; write the value the host's label must have, e.g. " + key + ": web");
        }
        if (!LABEL.matcher(value).matches()) {
            throw new InvalidSetting(path, Checks.quote(value) + " is not a label value; use 1 to 63 letters, digits,"
                    + " '.', '_', '-' or '/', starting and ending with a letter or digit");
        }
    }

    private static void notEmpty(String key, List<?> list) {
        if (list != null && list.isEmpty()) {
            throw new InvalidSetting(key, "empty; list at least one, or leave the key out to match every host");
        }
    }
}
