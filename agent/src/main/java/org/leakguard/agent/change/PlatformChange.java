package org.leakguard.agent.change;

/**
 * A change only one operating system knows how to make, such as a Windows registry value or a
 * macOS network service's DNS servers. Its module implements it and lists the class in
 * {@link org.leakguard.agent.spi.Platform#journalTypes()}, which is how the journal reads it back;
 * the class carries {@code @JsonTypeName} with a name that is unique across platforms.
 */
public non-sealed interface PlatformChange extends Change {}
