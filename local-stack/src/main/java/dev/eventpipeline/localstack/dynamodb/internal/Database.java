package dev.eventpipeline.localstack.dynamodb.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.internal.DynamoDbStream.StreamRecord;

/**
 * All tables and streams of one endpoint. Every read runs under a shared lock and every write under an exclusive one,
 * so a conditional write or a transaction checks and commits without another write in between, and its stream records
 * take positions in commit order.
 */
public final class Database {

    private static final DateTimeFormatter STREAM_LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Table> tables = new TreeMap<>();
    private final Map<String, DynamoDbStream> streams = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration retention;
    private Journal journal;
    private long position;

    /** An empty database whose stream records are kept for {@code retention}. */
    public Database(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
    }

    /** Runs a read under the shared lock. */
    public <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a write under the exclusive lock. */
    public <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Starts writing every change to the journal (after it has been replayed). */
    void attach(Journal journal) {
        this.journal = journal;
    }

    long nowMillis() {
        return clock.millis();
    }

    /** The table, or the ResourceNotFoundException DynamoDB answers. */
    Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw ApiException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    Map<String, Table> tables() {
        return tables;
    }

    Map<String, DynamoDbStream> streams() {
        return streams;
    }

    Table createTable(String name, KeySchema keySchema, String region) {
        if (tables.containsKey(name)) {
            throw ApiException.resourceInUse("Table already exists: " + name);
        }
        Table table = new Table(name, keySchema, region, UUID.randomUUID().toString(), nowMillis());
        tables.put(name, table);
        return table;
    }

    void dropTable(Table table) {
        if (table.streamEnabled()) {
            table.stream.disable();
            defined(table.stream);
        }
        tables.remove(table.name);
        journal(j -> j.tableDropped(table));
    }

    /** Records the table's current definition in the journal. */
    void defined(Table table) {
        journal(j -> j.tableDefined(table));
    }

    /** Opens a new stream on the table; the previous one, if any, must already be disabled. */
    DynamoDbStream openStream(Table table, String viewType) {
        long created = nowMillis();
        String label = uniqueLabel(table, created);
        String arn = table.arn + "/stream/" + label;
        String shardId = String.format("shardId-%020d-%s", created, UUID.randomUUID().toString().substring(0, 8));
        DynamoDbStream stream = new DynamoDbStream(arn, table.name, label, viewType, table.keySchema, created, shardId,
                position + 1);
        streams.put(arn, stream);
        table.stream = stream;
        table.streamViewType = viewType;
        return stream;
    }

    private String uniqueLabel(Table table, long created) {
        String label = STREAM_LABEL.format(Instant.ofEpochMilli(created));
        for (long millis = created + 1; streams.containsKey(table.arn + "/stream/" + label); millis++) {
            label = STREAM_LABEL.format(Instant.ofEpochMilli(millis));
        }
        return label;
    }

    /** Records a stream's current state in the journal. */
    void defined(DynamoDbStream stream) {
        journal(j -> j.streamDefined(stream));
    }

    /**
     * Commits writes: one stream record for each that changed an item, the journal line, then the change in memory.
     * The journal comes first, so a write the data directory refused is not visible either.
     */
    void commit(List<Change> changes) {
        long now = nowMillis();
        List<StreamRecord> records = new ArrayList<>();
        for (Change change : changes) {
            if (change.table().streamEnabled() && change.changesItem()) {
                records.add(streamRecord(change, position + records.size() + 1, now));
            }
        }
        journal(j -> j.committed(changes, records));
        position += records.size();
        changes.forEach(change -> change.table().store(change.key(), change.newItem()));
        records.forEach(record -> streams.get(record.streamArn()).append(record));
    }

    private static StreamRecord streamRecord(Change change, long recordPosition, long now) {
        DynamoDbStream stream = change.table().stream;
        ObjectNode json = StreamRecords.record(change, stream, recordPosition, now);
        return new StreamRecord(stream.arn(), recordPosition, now, json);
    }

    /** Drops stream records past the retention period. */
    void trimStreams() {
        long oldestKept = nowMillis() - retention.toMillis();
        streams.values().forEach(stream -> stream.trim(oldestKept));
    }

    /** Restores a position counter read back from the data directory. */
    void restorePosition(long restored) {
        position = Math.max(position, restored);
    }

    private void journal(Consumer<Journal> entry) {
        if (journal != null) {
            entry.accept(journal);
        }
    }
}
