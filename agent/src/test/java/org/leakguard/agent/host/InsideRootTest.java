package org.leakguard.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Under --root every path stays inside the image, whatever links the image holds. */
class InsideRootTest {
    @TempDir
    Path tmp;

    Path image;
    Path outside;
    LocalFiles files;

    @BeforeEach
    void setUp() throws Exception {
        image = Files.createDirectories(tmp.resolve("image/etc"));
        image = image.getParent();
        outside = Files.createDirectories(tmp.resolve("outside"));
        files = new LocalFiles(image);
    }

    @Test
    void aFolderLinkThatClimbsOutIsRefusedAndNothingOutsideIsWritten() throws Exception {
        Files.createSymbolicLink(image.resolve("etc/dhcp"), Path.of("../../outside"));

        assertThatThrownBy(() -> files.write("/etc/dhcp/dhclient.conf", "x".getBytes(StandardCharsets.UTF_8), 0644))
                .hasMessageContaining("leads out of " + image).hasMessageContaining("--root");
        try (var s = Files.list(outside)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void anAbsoluteFolderLinkResolvesInsideTheImage() throws Exception {
        Files.createSymbolicLink(image.resolve("etc/dhcp"), outside.toAbsolutePath());

        files.write("/etc/dhcp/dhclient.conf", "x".getBytes(StandardCharsets.UTF_8), 0644);

        assertThat(image.resolve(outside.toString().substring(1)).resolve("dhclient.conf")).hasContent("x");
        try (var s = Files.list(outside)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void aFileLinkingToAnOutsideSecretIsNeitherReadNorCopiedIn() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret"), "root-only\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.createDirectories(image.resolve("etc/dhcp"));
        Files.createSymbolicLink(image.resolve("etc/dhcp/dhclient.conf"), Path.of("../../../outside/secret"));

        assertThatThrownBy(() -> files.read("/etc/dhcp/dhclient.conf")).hasMessageContaining("leads out of");
        assertThat(files.capture("/etc/dhcp/dhclient.conf")).isEqualTo(FileImage.symlink("../../../outside/secret"));
    }

    @Test
    void linksInsideTheImageStillWork() throws Exception {
        Files.createDirectories(image.resolve("run/systemd/resolve"));
        Files.writeString(image.resolve("run/systemd/resolve/stub-resolv.conf"), "nameserver 127.0.0.53\n");
        Files.createSymbolicLink(image.resolve("etc/resolv.conf"), Path.of("/run/systemd/resolve/stub-resolv.conf"));

        assertThat(files.readString("/etc/resolv.conf")).contains("nameserver 127.0.0.53\n");
        Files.delete(image.resolve("etc/resolv.conf"));
        Files.createSymbolicLink(image.resolve("etc/resolv.conf"), Path.of("../run/systemd/resolve/stub-resolv.conf"));
        assertThat(files.readString("/etc/resolv.conf")).contains("nameserver 127.0.0.53\n");
    }

    /** While a 0600 file is replaced, no moment exists at which its new content sits in a file others may read. */
    @Test
    void aReplacementIsNeverReadableByOthersWhileItIsWritten() throws Exception {
        Path etc = image.resolve("etc");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                try (DirectoryStream<Path> s = Files.newDirectoryStream(etc, ".shadow*")) {
                    for (Path p : s) {
                        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                        seen.add(PosixFilePermissions.toString(perms));
                    }
                } catch (Exception e) {
                    // The file came and went between listing and reading.
                }
            }
        });
        watcher.start();
        byte[] big = new byte[4 << 20];
        try {
            for (int i = 0; i < 20; i++) {
                files.write("/etc/shadow", big, 0600);
            }
        } finally {
            done.set(true);
            watcher.join();
        }
        assertThat(seen).allMatch(p -> p.equals("rw-------"));
        assertThat(Files.getPosixFilePermissions(etc.resolve("shadow"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
