package org.leakguard.agent.policy;

/**
 * How much of the fleet the policy reaches: a host is in when its stable bucket (0 to 99, from
 * the policy name and the machine id) is below {@code percent}.
 */
public record Rollout(Integer percent) {
    public static final int ALL = 100;

    public Rollout {
        percent = percent == null ? Integer.valueOf(ALL) : percent;
    }
}
