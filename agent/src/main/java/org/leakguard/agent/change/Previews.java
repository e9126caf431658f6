package org.leakguard.agent.change;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.leakguard.agent.host.Host;

/** Previews of file changes, read through the host's files (so {@code --root} is honoured). */
final class Previews {
    private Previews() {}

    /** {@code after} null: the file is removed. */
    static Preview file(Host host, String path, byte[] after) {
        String next = after == null ? null : text(after);
        try {
            Optional<byte[]> now = host.files().read(path);
            return new Preview(Preview.Form.FILE, now.map(Previews::text).orElse(null), next, null);
        } catch (IOException e) {
            return Preview.unread(Preview.Form.FILE, next, "cannot read " + path + ": " + e.getMessage());
        }
    }

    /** UTF-8 text as it is; anything else as its size, since a diff of bytes helps nobody. */
    static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "(binary, " + bytes.length + " bytes)\n";
        }
    }
}
