package org.leakguard.agent.change;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.leakguard.agent.host.Host;

/**
 * Sets a runtime kernel parameter by writing its /proc/sys file ({@code net.ipv6.conf.all.disable_ipv6}).
 * Undo writes the previous value back.
 */
public record SetKernelValue(String key, String value, String why) implements Change {

    public SetKernelValue {
        if (key.contains("..") || key.startsWith("/") || key.isBlank()) {
            throw new IllegalArgumentException("not a kernel parameter name: " + key);
        }
    }

    /** The /proc/sys file behind the key. Interface names may hold dots, so the key is stored with slashes. */
    public String procPath() {
        return "/proc/sys/" + key;
    }

    @Override
    public String target() {
        return key.replace('/', '.');
    }

    @Override
    public String summary() {
        return "set " + target() + " = " + value + ": " + why;
    }

    @Override
    public java.util.Optional<Preview> preview(Host host) {
        try {
            return java.util.Optional.of(new Preview(Preview.Form.VALUE,
                    host.files().readString(procPath()).map(String::strip).orElse(null), value, null));
        } catch (IOException e) {
            return java.util.Optional.of(Preview.unread(Preview.Form.VALUE, value, e.getMessage()));
        }
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        String now = host.files().readString(procPath())
                .orElseThrow(() -> new IOException("no kernel parameter " + target() + " (" + procPath() + ")"));
        return new BeforeImage.OfValue(now.strip());
    }

    @Override
    public void apply(Host host) throws IOException {
        host.files().overwrite(procPath(), (value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        String old = ((BeforeImage.OfValue) before).value();
        host.files().overwrite(procPath(), (old + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
