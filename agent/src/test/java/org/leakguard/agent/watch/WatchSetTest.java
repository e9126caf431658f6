package org.leakguard.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchSetTest {
    static final Set<String> DIRS = Set.of("/etc", "/etc/chromium", "/run", "/run/systemd");

    @Test
    void filesAreWatchedThroughTheirFolderAndKernelFilesAreLeftToThePoll() {
        WatchSet w = WatchSet.of(Set.of("/etc/resolv.conf", "/proc/sys/net/ipv6/conf/all/disable_ipv6", "/run/systemd/system"),
                Set.of(), DIRS::contains);

        assertThat(w.dirs()).containsExactlyInAnyOrder("/etc", "/run/systemd");
        assertThat(w.matters("/etc", "resolv.conf")).isTrue();
        assertThat(w.matters("/etc", "hostname")).isFalse();
        assertThat(w.matters("/run/systemd", "system")).isTrue();
    }

    @Test
    void aMissingFolderIsWatchedFromItsNearestAncestorForTheNameThatLeadsToIt() {
        WatchSet w = WatchSet.of(Set.of("/etc/chromium/policies/managed/leakguard-doh.json", "/etc/opt/chrome/policies"), Set.of(),
                DIRS::contains);

        assertThat(w.matters("/etc/chromium", "policies")).isTrue();
        assertThat(w.matters("/etc", "opt")).isTrue();
        assertThat(w.matters("/etc", "passwd")).isFalse();
    }

    @Test
    void aListedFolderMattersWhole() {
        WatchSet w = WatchSet.of(Set.of(), Set.of("/etc/chromium"), DIRS::contains);

        assertThat(w.matters("/etc/chromium", "anything.json")).isTrue();
        assertThat(w.matters("/etc", "chromium")).isTrue();
    }
}
