package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;

/** A registry change's before-image restores each value's type and data, and removes what was not there. */
class RegistryWriteTest {
    private static final String KEY = "HKLM\\SOFTWARE\\Policies\\Example\\Browser";

    private final FakeWindows win = new FakeWindows();
    private final Host host = win.host();

    @Test
    void everyTypeComesBackExactly() throws Exception {
        win.registry.put(KEY, "Mode", RegValue.sz("automatic"))
                .put(KEY, "Level", RegValue.dword(0xFFFFFFFFL))
                .put(KEY, "List", RegValue.multiSz(List.of("a.example", "", "b.example")))
                .put(KEY, "Path", new RegValue(RegType.EXPAND_SZ, 0, List.of("%ProgramFiles%\\x")))
                .put(KEY, "Other", RegValue.sz("kept"));
        Map<String, Map<String, RegValue>> before = win.registry.snapshot();
        RegistryWrite w = new RegistryWrite(KEY, List.of(new RegEntry("Mode", RegValue.dword(0)), new RegEntry("Level", RegValue.sz("x")),
                new RegEntry("List", null), new RegEntry("Path", RegValue.multiSz(List.of("y"))), new RegEntry("New", RegValue.dword(1))), "test");

        BeforeImage image = w.capture(host);
        w.apply(host);
        assertThat(win.registry.value(KEY, "List")).isEmpty();
        assertThat(win.registry.value(KEY, "Level")).contains(RegValue.sz("x"));
        w.undo(host, image);

        assertThat(win.registry.snapshot()).isEqualTo(before);
        assertThat(w.isAt(host, image)).isTrue();
    }

    @Test
    void keysItCreatedAreDeletedAgainButNotTheirParents() throws Exception {
        win.registry.key("HKLM\\SOFTWARE\\Policies");
        RegistryWrite w = new RegistryWrite(KEY, List.of(new RegEntry("Mode", RegValue.sz("off"))), "test");

        RegistryImage image = (RegistryImage) w.capture(host);
        w.apply(host);
        w.undo(host, image);

        assertThat(image.createdFrom()).isEqualTo("HKLM\\SOFTWARE\\Policies\\Example");
        assertThat(win.registry.keyExists("HKLM\\SOFTWARE\\Policies\\Example")).isFalse();
        assertThat(win.registry.keyExists("HKLM\\SOFTWARE\\Policies")).isTrue();
    }

    @Test
    void aCreatedKeyThatGainedOtherValuesStays() throws Exception {
        RegistryWrite w = new RegistryWrite(KEY, List.of(new RegEntry("Mode", RegValue.sz("off"))), "test");
        BeforeImage image = w.capture(host);
        w.apply(host);
        win.registry.put(KEY, "SetByAdmin", RegValue.dword(1));

        w.undo(host, image);

        assertThat(win.registry.value(KEY, "SetByAdmin")).contains(RegValue.dword(1));
        assertThat(win.registry.value(KEY, "Mode")).isEmpty();
    }

    @Test
    void theJournalReadsEveryWindowsChangeBack() throws Exception {
        ObjectMapper json = new ObjectMapper();
        json.registerSubtypes(new WindowsPlatform().journalTypes().toArray(Class<?>[]::new));
        List<Change> changes = List.of(
                new RegistryWrite(KEY, List.of(new RegEntry("A", RegValue.multiSz(List.of("x", "y"))), new RegEntry("B", null)), "why"),
                new AdapterDns("{G}", "Wi-Fi", List.of("203.0.113.53"), "why"),
                new ScriptState(ScriptKind.FIREWALL_RULE, "t", "{\"group\":\"leakguard\",\"name\":\"leakguard-dns-udp\"}", "[]", "why"),
                new DohEntry("203.0.113.53", "https://dns.corp.example/dns-query", true, false).change("why"));
        List<BeforeImage> images = List.of(new RegistryImage("HKLM\\X", List.of(new RegEntry("A", RegValue.dword(7)))),
                new AdapterDnsImage(List.of("192.0.2.1"), List.of()), new ScriptImage(null), new ScriptImage("[]"));

        for (Change c : changes) {
            assertThat(json.readValue(json.writerFor(Change.class).writeValueAsString(c), Change.class)).isEqualTo(c);
        }
        for (BeforeImage b : images) {
            assertThat(json.readValue(json.writerFor(BeforeImage.class).writeValueAsString(b), BeforeImage.class)).isEqualTo(b);
        }
    }

    @Test
    void withoutElevationTheBeforeImageIsRefused() {
        win.machine.elevated = false;
        RegistryWrite w = new RegistryWrite(KEY, List.of(new RegEntry("Mode", RegValue.sz("off"))), "test");

        assertThatThrownBy(() -> w.capture(host)).isInstanceOf(IOException.class).hasMessage(Ports.NOT_ELEVATED);
    }

    @Test
    void aDwordOutOfRangeIsRefused() {
        assertThatThrownBy(() -> RegValue.dword(0x1_0000_0000L)).hasMessageContaining("0 to 0xFFFFFFFF");
    }
}
