package org.leakguard.platform.windows;

/** The registry value types leakguard reads and restores; any other type is refused, never converted. */
public enum RegType {
    DWORD,
    SZ,
    EXPAND_SZ,
    MULTI_SZ
}
