package org.leakguard.platform.windows;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.change.Preview;
import org.leakguard.agent.host.Host;

/**
 * Sets (or deletes, for a null value) values of one registry key. All values a control writes to
 * one key go in one change, so creating the key and deleting it again on undo stay together.
 */
@JsonTypeName("windows-registry")
record RegistryWrite(String key, List<RegEntry> entries, String why) implements PlatformChange {

    RegistryWrite {
        entries = List.copyOf(entries);
    }

    @Override
    public String target() {
        return key;
    }

    @Override
    public String summary() {
        return "set " + key + ": " + entries.stream().map(RegEntry::toString).collect(Collectors.joining(", ")) + ": " + why;
    }

    /** Each value before -> after, in the policy's order. */
    @Override
    public java.util.Optional<Preview> preview(Host host) {
        String after = entries.stream().map(RegEntry::toString).collect(Collectors.joining(", "));
        try {
            Registry r = Ports.registry(host);
            List<String> before = new ArrayList<>();
            for (RegEntry e : entries) {
                before.add(new RegEntry(e.name(), r.value(key, e.name()).orElse(null)).toString());
            }
            return java.util.Optional.of(new Preview(Preview.Form.VALUE, String.join(", ", before), after, null));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.of(Preview.unread(Preview.Form.VALUE, after, e.getMessage()));
        }
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        Ports.requireElevated(host);
        Registry r = Ports.registry(host);
        String created = null;
        for (String k = key; k != null && k.contains("\\") && !r.keyExists(k); k = Registry.parent(k)) {
            created = k;
        }
        List<RegEntry> old = new ArrayList<>();
        for (RegEntry e : entries) {
            old.add(new RegEntry(e.name(), r.value(key, e.name()).orElse(null)));
        }
        return new RegistryImage(created, old);
    }

    @Override
    public void apply(Host host) throws IOException {
        write(Ports.registry(host), entries);
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        RegistryImage image = (RegistryImage) before;
        Registry r = Ports.registry(host);
        write(r, image.entries());
        if (image.createdFrom() != null) {
            for (String k = key; k != null && r.deleteIfEmpty(k) && !k.equals(image.createdFrom()); k = Registry.parent(k)) {
                // Each emptied key up to the first one leakguard created is removed.
            }
        }
    }

    private void write(Registry r, List<RegEntry> values) throws IOException {
        for (RegEntry e : values) {
            if (e.value() == null) {
                r.delete(key, e.name());
            } else {
                r.set(key, e.name(), e.value());
            }
        }
    }
}
