package org.leakguard.platform.windows;

import java.io.IOException;
import java.util.Optional;

/**
 * One server's DNS over TLS entry as the registry holds it, read locale-free. The place is not
 * documented: it is inferred from the Windows DNS client's own code as published decompiled
 * (WriteDotSettingsRegistry and DotDeleteServerRegistry write and delete {@code DotHost} REG_SZ,
 * {@code DotPort} REG_DWORD and {@code DotFlags} REG_QWORD under
 * {@code Dnscache\Parameters\DohWellKnownServers\<server>}) and not yet confirmed on a live host,
 * so what is read here never makes the control compliant on its own. DotFlags (a QWORD whose bits
 * are undocumented) is not read.
 *
 * @param keyExisted whether the server's key exists (the DoH list's built-in servers have one)
 * @param host DotHost, or empty when the server has no DoT entry
 * @param port DotPort, or empty
 */
record DotEntry(boolean keyExisted, Optional<String> host, Optional<Long> port) {
    static final String HOST = "DotHost";
    static final String PORT = "DotPort";

    static String key(String server) {
        return Keys.DOH_SERVERS + "\\" + server;
    }

    static DotEntry read(Registry r, String server) throws IOException {
        String key = key(server);
        return new DotEntry(r.keyExists(key),
                r.value(key, HOST).filter(v -> v.type() == RegType.SZ).map(RegValue::string),
                r.value(key, PORT).filter(v -> v.type() == RegType.DWORD).map(RegValue::number));
    }
}
