package org.leakguard.agent.spi;

import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;

/**
 * One concern of the policy (resolvers, ipv6, firewall, ...). A control reads the host and
 * returns the changes that would make it compliant; it never writes to the host itself, which is
 * what makes {@code plan} exact and rollback generic.
 *
 * @param <O> what {@link #observe} saw
 */
public interface Control<O> {

    /** The id in reports: {@code resolvers}, {@code ipv6}, {@code firewall}, ... */
    String id();

    /** Whether the policy sets anything this control manages; when not, the host is not even read. */
    boolean governs(Spec spec);

    /** Reads the host. Read-only. */
    O observe(Spec spec, Host host) throws Exception;

    /** The changes that take the observed state to the policy. Pure: no I/O. */
    Assessment plan(Spec spec, O observed);
}
