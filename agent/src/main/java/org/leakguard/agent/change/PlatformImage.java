package org.leakguard.agent.change;

/**
 * The before-image of a {@link PlatformChange}, when none of the core's images fits (a registry
 * value with its type, a service's DNS servers or "DHCP"). Listed, like the change, in
 * {@link org.leakguard.agent.spi.Platform#journalTypes()} and named with {@code @JsonTypeName}.
 */
public non-sealed interface PlatformImage extends BeforeImage {}
