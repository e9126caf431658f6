package org.leakguard.agent.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The agent's own folder (0700): transaction journals and the run lock. */
public final class StateDir {
    private final Path root;
    private final Supplier<ObjectMapper> json;

    public StateDir(Path root, ObjectMapper json) {
        this(root, () -> json);
    }

    /** The mapper is asked for only when a journal is written or read in full. */
    public StateDir(Path root, Supplier<ObjectMapper> json) {
        this.root = root.toAbsolutePath().normalize();
        this.json = json;
    }

    public Path path() {
        return root;
    }

    /**
     * Creates the folders owner-only. One that exists must be this user's own and writable by no
     * one else ({@link Trust}); then read access for others is taken away too.
     */
    public void prepare() throws IOException {
        for (Path dir : List.of(root, transactions())) {
            Trust.check(dir);
            if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir);
            }
            OwnerOnly.folder(dir);
        }
    }

    Path transactions() {
        return root.resolve("transactions");
    }

    /** The start time for people, then the sequence number that orders transactions. */
    static String newTxid(Instant now, long sequence) {
        // Built here, not in a static field: only apply needs it, and building it costs start-up.
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        return time.format(now) + "-" + String.format(java.util.Locale.ROOT, "%08d", sequence);
    }

    Journal begin(Instant now) throws IOException {
        return Journal.create(transactions(), newTxid(now, TxOrder.next(root, ids())), json.get());
    }

    Journal reopen(String txid) throws IOException {
        Trust.check(transactions().resolve(txid));
        Trust.check(transactions().resolve(txid).resolve(Journal.FILE));
        return Journal.open(transactions().resolve(txid), txid, json.get());
    }

    /** Every transaction, oldest first (by sequence, not by clock: the clock may step back). */
    public List<Transaction> list() throws IOException {
        List<Transaction> out = new ArrayList<>();
        for (String id : ids()) {
            out.add(read(id));
        }
        return out;
    }

    public Optional<Transaction> find(String txid) throws IOException {
        return list().stream().filter(t -> t.id().equals(txid)).findFirst();
    }

    /**
     * One transaction, its journal read in full. A journal someone else could have written is
     * refused; one with a damaged line reads as {@link Transaction.State#DAMAGED}, kept for a person.
     */
    Transaction read(String txid) throws IOException {
        Path dir = transactions().resolve(txid);
        Trust.check(dir);
        Trust.check(dir.resolve(Journal.FILE));
        try {
            return Transaction.of(txid, Journal.read(dir, json.get()));
        } catch (Journal.DamagedException e) {
            return Transaction.damaged(txid, e.getMessage());
        }
    }

    /**
     * Every transaction's state and recorded resolvers, oldest first: from the journal index where
     * it still matches the journal, else from the journal, and then the index is brought up to date.
     */
    List<JournalIndex.Entry> summaries() throws IOException {
        Path index = root.resolve(JournalIndex.FILE);
        Map<String, JournalIndex.Entry> known = JournalIndex.read(index);
        List<JournalIndex.Entry> out = new ArrayList<>();
        boolean stale = false;
        for (String id : ids()) {
            String stamp = JournalIndex.stamp(journal(id));
            JournalIndex.Entry e = known.get(id);
            if (e == null || !e.stamp().equals(stamp)) {
                e = JournalIndex.Entry.of(read(id), stamp);
                stale = true;
            }
            out.add(e);
        }
        if (stale || known.size() != out.size()) {
            JournalIndex.write(index, out);
        }
        return out;
    }

    /** Where scheduled runs and watch repairs keep their reports. */
    public Path reports() {
        return root.resolve("reports");
    }

    /**
     * Keeps one run's JSON report as {@code reports/<time>-<command>-<result>.json} (0600, replaced
     * atomically), named so that names sort by time; returns the file.
     */
    public Path saveReport(Instant time, String command, String result, String json) throws IOException {
        Path dir = reports();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            OwnerOnly.folder(dir);
        }
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
        Path file = dir.resolve(stamp.format(time) + "-" + command.replace(' ', '-') + "-" + result + ".json");
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        OwnerOnly.file(tmp);
        Files.writeString(tmp, json);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** The kept reports, oldest first. */
    public List<Path> savedReports() throws IOException {
        Path dir = reports();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json")) {
            s.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    /** Deletes all but the newest {@code keep} reports; returns how many went. */
    public int pruneReports(int keep) throws IOException {
        List<Path> all = savedReports();
        int gone = 0;
        for (Path p : all.subList(0, Math.max(0, all.size() - keep))) {
            Files.deleteIfExists(p);
            gone++;
        }
        return gone;
    }

    /**
     * Deletes the journals of rolled-back transactions beyond the newest {@code keep} of them.
     * Never a committed one: it is still in effect, and its before-images are the host's way back
     * ({@code rollback --all}); nor an unfinished, pending, damaged or rollback-failed one (a person
     * or the next run still needs it). Call it holding the run lock. Returns the ids deleted.
     */
    public List<String> pruneJournals(int keep) throws IOException {
        List<JournalIndex.Entry> all = summaries();
        List<String> finished = new ArrayList<>();
        for (JournalIndex.Entry e : all) {
            if (e.state() == Transaction.State.ROLLED_BACK) {
                finished.add(e.id());
            }
        }
        List<String> gone = new ArrayList<>();
        for (String id : finished.subList(0, Math.max(0, finished.size() - keep))) {
            deleteTree(transactions().resolve(id));
            gone.add(id);
        }
        if (!gone.isEmpty()) {
            summaries();
        }
        return gone;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private Path journal(String txid) {
        return transactions().resolve(txid).resolve(Journal.FILE);
    }

    /** The transaction folders that hold a journal, oldest first. */
    private List<String> ids() throws IOException {
        Path dir = transactions();
        Trust.check(root);
        Trust.check(dir);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (Files.isRegularFile(p.resolve(Journal.FILE))) {
                    ids.add(p.getFileName().toString());
                }
            }
        }
        ids.sort(TxOrder.OLDEST_FIRST);
        return ids;
    }
}
