package org.leakguard.agent.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * What recovery and {@code check} need from each journal, kept in {@code <state>/journal.index} so
 * a run reads a few lines instead of parsing every journal ever written. An entry is trusted only
 * while its journal's size and modification time are those it was made from; any other journal is
 * read again, and an index that is missing, torn or from another version is ignored. So the index
 * can cost time, never a wrong answer.
 */
final class JournalIndex {
    static final String FILE = "journal.index";
    private static final String HEADER = "leakguard journal index 1";
    private static final String END = "end ";

    private JournalIndex() {}

    /**
     * One transaction as the index keeps it.
     *
     * @param stamp the journal's size and modification time when the entry was made
     * @param resolvers what its begin line recorded as in use before; null without a begin line
     */
    record Entry(String id, String stamp, Transaction.State state, String deadline, List<String> resolvers) {

        static Entry of(Transaction tx, String stamp) {
            List<String> resolvers = tx.begin() == null ? null : tx.begin().previousResolvers();
            return new Entry(tx.id(), stamp, tx.state(), tx.deadline(), resolvers);
        }

        /** As {@link Transaction#expired}. */
        boolean expired(Instant now) {
            return state == Transaction.State.PENDING && deadline != null && !now.isBefore(Instant.parse(deadline));
        }

        boolean applied() {
            return state == Transaction.State.COMMITTED || state == Transaction.State.PENDING;
        }

        /** Whether its line reads back as itself (an odd id or address could hold a tab or comma). */
        boolean storable() {
            return equals(parse(line()));
        }

        String line() {
            return String.join("\t", id, stamp, state.name(), deadline == null ? "-" : deadline,
                    resolvers == null ? "-" : String.join(",", resolvers));
        }

        /** The entry a line holds, or null when it does not hold one. */
        static Entry parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 5) {
                return null;
            }
            Transaction.State state = state(f[2]);
            if (state == null) {
                return null;
            }
            List<String> resolvers = f[4].equals("-") ? null : f[4].isEmpty() ? List.of() : List.of(f[4].split(","));
            return new Entry(f[0], f[1], state, f[3].equals("-") ? null : f[3], resolvers);
        }

        private static Transaction.State state(String name) {
            for (Transaction.State s : Transaction.State.values()) {
                if (s.name().equals(name)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** The journal's size and modification time, or null when it is not a regular file. */
    static String stamp(Path journal) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(journal, BasicFileAttributes.class);
            return attrs.isRegularFile()
                    ? new StringBuilder().append(attrs.size()).append('@').append(attrs.lastModifiedTime().toMillis()).toString()
                    : null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The entries by id; empty when the file is missing or fails its check sum. */
    static Map<String, Entry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Map.of();
        }
        int last = lines.size() - 1;
        if (last < 1 || !lines.get(0).equals(HEADER) || !lines.get(last).equals(END.concat(crc(lines.subList(0, last))))) {
            return Map.of();
        }
        Map<String, Entry> entries = new HashMap<>();
        for (String line : lines.subList(1, last)) {
            Entry e = Entry.parse(line);
            if (e == null) {
                return Map.of();
            }
            entries.put(e.id(), e);
        }
        return entries;
    }

    /** Replaces the index atomically; a failure only means the next run reads the journals again. */
    static void write(Path file, List<Entry> entries) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Entry e : entries) {
            if (e.storable()) {
                lines.add(e.line());
            }
        }
        lines.add(END.concat(crc(lines)));
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            OwnerOnly.file(tmp);
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            // Only a cache: without it the journals are read, as they always could be.
        }
    }

    private static String crc(List<String> lines) {
        CRC32 crc = new CRC32();
        for (String line : lines) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
            crc.update('\n');
        }
        return Long.toHexString(crc.getValue());
    }
}
