package dev.eventpipeline.localstack.dynamodb.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.internal.DynamoDbStream.StreamRecord;

/**
 * The data directory: a journal of JSON lines (table and stream definitions, committed writes with their stream
 * records). On start the journal is replayed and rewritten as a compact snapshot; every commit then appends one line
 * and flushes it, so a stopped or killed process loses nothing it acknowledged to the operating system.
 */
final class Journal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Journal.class);
    private static final String FILE_NAME = "dynamodb.journal";

    private final Path file;
    private BufferedWriter out;

    private Journal(Path file) {
        this.file = file;
    }

    /** Replays the journal in the directory into the database, compacts it and keeps it open for new writes. */
    static Journal open(Path directory, Database database) {
        try {
            Files.createDirectories(directory);
            Journal journal = new Journal(directory.resolve(FILE_NAME));
            journal.replay(database);
            journal.compact(database);
            database.attach(journal);
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private void replay(Database database) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int applied = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.endsWith("}")) {
                LOG.warnf("Ignoring the unfinished last entry of %s, written when the process stopped", file);
                break;
            }
            JournalEntries.apply(Json.parseStored(line), database);
            applied++;
        }
        LOG.infof("Restored %d journal entries from %s", applied, file);
    }

    private void compact(Database database) throws IOException {
        Path snapshot = file.resolveSibling(FILE_NAME + ".tmp");
        try (BufferedWriter writer = Files.newBufferedWriter(snapshot, StandardCharsets.UTF_8)) {
            for (JsonNode entry : JournalEntries.snapshot(database)) {
                writer.write(entry.toString());
                writer.newLine();
            }
        }
        Files.move(snapshot, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    void tableDefined(Table table) {
        append(JournalEntries.table(table));
    }

    void tableDropped(Table table) {
        append(Json.object().put("op", "drop").put("name", table.name));
    }

    void streamDefined(DynamoDbStream stream) {
        append(JournalEntries.stream(stream));
    }

    void committed(List<Change> changes, List<StreamRecord> records) {
        ObjectNode entry = Json.object().put("op", "commit");
        ArrayNode writes = entry.putArray("writes");
        changes.forEach(change -> writes.add(JournalEntries.write(change.table(), change.key(), change.newItem(),
                change.oldItem())));
        ArrayNode appended = entry.putArray("records");
        records.forEach(record -> appended.add(JournalEntries.record(record)));
        append(entry);
    }

    private void append(JsonNode entry) {
        try {
            out.write(entry.toString());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Closes the journal file as it is; the next start replays it. */
    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    /** Rewrites the journal as a snapshot and closes it, so the next start replays only the current state. */
    void closeWithSnapshot(Database database) {
        close();
        try {
            compact(database);
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a snapshot of " + file + ": " + e.getMessage(), e);
        }
    }
}
