package org.leakguard.agent.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.host.ScriptedCommands;

/** What a plan shows per change: unified diffs of files, rulesets in full, values before -> after; read only. */
class PreviewTest {
    @TempDir
    Path root;

    private final ScriptedCommands commands = new ScriptedCommands();

    private Host host() {
        return new Host(new HostInfo("h", "Linux", "6"), new LocalFiles(root), commands, false, Clock.systemUTC());
    }

    @Test
    void aChangedFileIsAUnifiedDiffWithThreeLinesOfContext() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/x.conf"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
        WriteFile w = WriteFile.text("/etc/x.conf", "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\n", null, "test");

        Preview p = w.preview(host()).orElseThrow();

        assertThat(p.render(w.target())).isEqualTo("--- a/etc/x.conf\n+++ b/etc/x.conf\n"
                + "@@ -2,9 +2,10 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n i\n j\n+k\n");
        assertThat(Files.readString(root.resolve("etc/x.conf"))).as("a preview writes nothing").startsWith("a\nb\nc\nd\ne\n");
    }

    @Test
    void farApartChangesAreTwoHunks() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
        String after = "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve\n";

        assertThat(UnifiedDiff.of("/f", before, after)).isEqualTo("--- a/f\n+++ b/f\n"
                + "@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+twelve\n");
        assertThat(UnifiedDiff.of("/f", before, before)).isEmpty();
    }

    @Test
    void aNewFileAndADeletedOne() throws Exception {
        WriteFile w = WriteFile.text("/etc/new.conf", "x\ny\n", 0644, "test");
        assertThat(w.preview(host()).orElseThrow().render(w.target())).isEqualTo("--- /dev/null\n+++ b/etc/new.conf\n@@ -0,0 +1,2 @@\n+x\n+y\n");

        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/old.conf"), "z\n");
        DeleteFile d = new DeleteFile("/etc/old.conf", "test");
        assertThat(d.preview(host()).orElseThrow().render(d.target())).isEqualTo("--- a/etc/old.conf\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n");
    }

    @Test
    void aKernelValueBeforeAndAfter() throws Exception {
        Files.createDirectories(root.resolve("proc/sys/net/ipv6/conf/all"));
        Files.writeString(root.resolve("proc/sys/net/ipv6/conf/all/disable_ipv6"), "0\n");
        SetKernelValue v = new SetKernelValue("net/ipv6/conf/all/disable_ipv6", "1", "test");

        assertThat(v.preview(host()).orElseThrow().render(v.target())).isEqualTo("0 -> 1");
    }

    @Test
    void aRulesetIsShownWholeAndAProgramThatCannotRunSaysTheStateIsUnknown() throws Exception {
        ProgramState load = new ProgramState("inet t", List.of("nft", "list", "table", "inet", "t"), List.of("nft", "-f", "-"),
                "table inet t {\n}\n", List.of("nft", "delete", "table", "inet", "t"), "test");
        commands.ok("table inet t {\n\tchain c {\n\t}\n}\n", "nft", "list", "table", "inet", "t");
        assertThat(load.preview(host()).orElseThrow().render(load.target())).isEqualTo("replaces what is loaded now with:\ntable inet t {\n}\n");

        ScriptedCommands none = new ScriptedCommands().missing("nft");
        Host bare = new Host(new HostInfo("h", "Linux", "6"), new LocalFiles(root), none, false, Clock.systemUTC());
        Preview p = load.preview(bare).orElseThrow();
        assertThat(p.unread()).startsWith("cannot run nft");
        assertThat(p.render(load.target())).startsWith("current state unknown (cannot run nft").endsWith("after apply:\ntable inet t {\n}\n");
    }

    @Test
    void commandsHaveNoPreview() throws Exception {
        assertThat(new Reload(List.of("systemctl", "reload", "x"), "test").preview(host())).isEmpty();
    }

    @Test
    void bytesThatAreNotTextAreShownAsTheirSize() throws Exception {
        WriteFile w = new WriteFile("/etc/blob", new byte[] {(byte) 0xff, 0, (byte) 0xfe}, null, "test");
        assertThat(w.preview(host()).orElseThrow().after()).isEqualTo("(binary, 3 bytes)\n");
    }
}
