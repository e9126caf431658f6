package org.leakguard.agent.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable record of one transaction: {@code <state>/transactions/<txid>/journal.jsonl}, one
 * JSON object per line, each forced to disk before the step it announces.
 */
public final class Journal implements AutoCloseable {
    static final String FILE = "journal.jsonl";

    private final String txid;
    private final FileChannel channel;
    private final ObjectMapper json;

    private Journal(String txid, FileChannel channel, ObjectMapper json) {
        this.txid = txid;
        this.channel = channel;
        this.json = json;
    }

    static Journal create(Path folder, String txid, ObjectMapper json) throws IOException {
        Path dir = folder.resolve(txid);
        Files.createDirectory(dir);
        OwnerOnly.folder(dir);
        return open(dir, txid, json);
    }

    static Journal open(Path dir, String txid, ObjectMapper json) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        OwnerOnly.file(file);
        return new Journal(txid, ch, json);
    }

    public String txid() {
        return txid;
    }

    /** Appends one entry and forces it to disk. */
    void append(JournalEntry entry) throws IOException {
        byte[] line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(line);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        channel.force(true);
    }

    /** Reads a journal back. A torn last line (the process died while writing it) is ignored: its step never ran. */
    static List<JournalEntry> read(Path dir, ObjectMapper json) throws IOException {
        // Bytes that are not UTF-8 make a damaged line, not an unreadable journal.
        List<String> lines = List.of(new String(Files.readAllBytes(dir.resolve(FILE)), StandardCharsets.UTF_8).split("\n"));
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(json.readValue(line, JournalEntry.class));
            } catch (IOException e) {
                if (i < lines.size() - 1) {
                    throw new DamagedException("journal " + dir.resolve(FILE) + " line " + (i + 1) + " of " + lines.size()
                            + " is damaged; the transaction is kept for a person to look at and is neither replayed nor undone"
                            + "; once dealt with, move its folder out of " + dir.getParent());
                }
            }
        }
        return entries;
    }

    /** A line before the last does not read back: the journal was damaged after it was written. */
    static final class DamagedException extends IOException {
        private static final long serialVersionUID = 1L;

        DamagedException(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
