package org.leakguard.agent.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order of transactions: a sequence number kept in {@code <state>/sequence} and carried in
 * each id ({@code 20261206T211500Z-00000042}), so two transactions in the same second, or across
 * a clock stepped back, keep the order they ran in. Ids from before the sequence (a random hex
 * suffix) come first, by name, as they always sorted.
 */
final class TxOrder {
    static final String FILE = "sequence";
    private static final Pattern SEQUENCED = Pattern.compile("\\d{8}T\\d{6}Z-(\\d{8,})");

    static final Comparator<String> OLDEST_FIRST = Comparator.comparingLong(TxOrder::sequence)
            .thenComparing(Comparator.naturalOrder());

    private TxOrder() {}

    /** The id's sequence number; -1 for an id from before sequences. */
    static long sequence(String txid) {
        Matcher m = SEQUENCED.matcher(txid);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * The next number, past both the kept one and every id present (a lost or stale file cannot
     * make it repeat), kept durably before it is handed out. Call it holding the run lock.
     */
    static long next(Path stateDir, List<String> ids) throws IOException {
        long last = 0;
        Path file = stateDir.resolve(FILE);
        Trust.check(file);
        if (Files.isRegularFile(file)) {
            try {
                last = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
            } catch (NumberFormatException e) {
                // Damaged: the ids present still give a floor.
            }
        }
        for (String id : ids) {
            last = Math.max(last, sequence(id));
        }
        long next = last + 1;
        Path tmp = stateDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        OwnerOnly.file(tmp);
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap((next + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return next;
    }
}
