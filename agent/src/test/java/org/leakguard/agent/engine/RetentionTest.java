package org.leakguard.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept reports and pruned journals: the newest N stay, and nothing a later run or a person needs goes. */
class RetentionTest {
    @TempDir
    Path tmp;

    @Test
    void onlyTheNewestReportsAreKept() throws Exception {
        StateDir state = new StateDir(tmp, new ObjectMapper());
        Instant t = Instant.parse("2026-11-23T22:00:00Z");
        for (int i = 0; i < 5; i++) {
            state.saveReport(t.plusSeconds(i * 3600L), "check", "compliant", "{\"n\":" + i + "}");
        }

        assertThat(state.pruneReports(2)).isEqualTo(3);

        List<Path> kept = state.savedReports();
        assertThat(kept).extracting(p -> p.getFileName().toString())
                .containsExactly("20261124T010000.000Z-check-compliant.json", "20261124T020000.000Z-check-compliant.json");
        assertThat(Files.readString(kept.get(1))).isEqualTo("{\"n\":4}");
        assertThat(Files.getPosixFilePermissions(kept.get(0))).hasSize(2);
    }

    @Test
    void rolledBackJournalsBeyondTheLimitGoButNeverCommittedUnfinishedPendingOrFailed() throws Exception {
        StateDir state = new StateDir(tmp, new ObjectMapper());
        state.prepare();
        journal(state, "20261123T000001Z-aaaaaa", "{\"type\":\"committed\",\"time\":\"t\"}");
        journal(state, "20261123T000002Z-bbbbbb", "{\"type\":\"rolled-back\",\"time\":\"t\",\"reason\":\"r\"}");
        journal(state, "20261123T000003Z-cccccc", "{\"type\":\"rollback-failed\",\"time\":\"t\",\"left\":[\"x\"]}");
        journal(state, "20261123T000004Z-dddddd", null);
        journal(state, "20261123T000005Z-eeeeee", "{\"type\":\"committed\",\"time\":\"t\"}");
        journal(state, "20261123T000006Z-ffffff", "{\"type\":\"rolled-back\",\"time\":\"t\",\"reason\":\"r\"}");
        journal(state, "20261123T000007Z-gggggg", "{\"type\":\"pending\",\"time\":\"t\",\"deadline\":\"2099-01-01T00:00:00Z\"}");
        journal(state, "20261123T000008Z-hhhhhh", "{\"type\":\"rolled-back\",\"time\":\"t\",\"reason\":\"r\"}");

        List<String> gone = state.pruneJournals(1);

        assertThat(gone).containsExactly("20261123T000002Z-bbbbbb", "20261123T000006Z-ffffff");
        assertThat(state.list()).extracting(Transaction::id).containsExactly("20261123T000001Z-aaaaaa",
                "20261123T000003Z-cccccc", "20261123T000004Z-dddddd", "20261123T000005Z-eeeeee", "20261123T000007Z-gggggg",
                "20261123T000008Z-hhhhhh");
        assertThat(state.pruneJournals(1)).isEmpty();
    }

    private static void journal(StateDir state, String id, String end) throws Exception {
        Path dir = state.transactions().resolve(id);
        Files.createDirectories(dir);
        String begin = "{\"type\":\"begin\",\"txid\":\"" + id + "\",\"time\":\"t\",\"policy\":\"p\",\"sha256\":\"s\","
                + "\"previousResolvers\":[]}\n";
        Files.writeString(dir.resolve(Journal.FILE), begin + (end == null ? "" : end + "\n"));
    }
}
