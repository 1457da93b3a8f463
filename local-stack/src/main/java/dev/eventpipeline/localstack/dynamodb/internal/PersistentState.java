package dev.eventpipeline.localstack.dynamodb.internal;

import java.nio.file.Path;

/** The optional data directory of a database: restored on open, compacted on close. */
public final class PersistentState implements AutoCloseable {

    private final Database database;
    private final Journal journal;

    private PersistentState(Database database, Journal journal) {
        this.database = database;
        this.journal = journal;
    }

    /** Restores the database from the directory and journals its changes there; {@code null} keeps it in memory. */
    public static PersistentState open(Database database, Path dataDirectory) {
        if (dataDirectory == null) {
            return new PersistentState(database, null);
        }
        return new PersistentState(database, database.write(() -> Journal.open(dataDirectory, database)));
    }

    /** Writes a compact snapshot and closes the journal. */
    @Override
    public void close() {
        if (journal != null) {
            database.write(() -> {
                journal.closeWithSnapshot(database);
                return null;
            });
        }
    }
}
