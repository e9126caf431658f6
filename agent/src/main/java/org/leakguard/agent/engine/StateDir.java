package org.leakguard.agent.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The agent's own folder (0700): transaction journals and the run lock. */
public final class StateDir {
    private static final DateTimeFormatter TXID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path root;
    private final ObjectMapper json;

    public StateDir(Path root, ObjectMapper json) {
        this.root = root.toAbsolutePath().normalize();
        this.json = json;
    }

    public Path path() {
        return root;
    }

    /** Creates the folders owner-only, tightening them if someone loosened them. */
    public void prepare() throws IOException {
        for (Path dir : List.of(root, transactions())) {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    Path transactions() {
        return root.resolve("transactions");
    }

    /** Sortable by time, unique by a random suffix. */
    static String newTxid(Instant now) {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return TXID_TIME.format(now) + "-" + HexFormat.of().formatHex(random);
    }

    Journal begin(Instant now) throws IOException {
        return Journal.create(transactions(), newTxid(now), json);
    }

    Journal reopen(String txid) throws IOException {
        return Journal.open(transactions().resolve(txid), txid, json);
    }

    /** Every transaction, oldest first. */
    public List<Transaction> list() throws IOException {
        Path dir = transactions();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> ids;
        try (Stream<Path> s = Files.list(dir)) {
            ids = s.filter(p -> Files.isRegularFile(p.resolve("journal.jsonl")))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
        List<Transaction> out = new ArrayList<>();
        for (String id : ids) {
            out.add(Transaction.of(id, Journal.read(dir.resolve(id), json)));
        }
        return out;
    }

    public Optional<Transaction> find(String txid) throws IOException {
        return list().stream().filter(t -> t.id().equals(txid)).findFirst();
    }
}
