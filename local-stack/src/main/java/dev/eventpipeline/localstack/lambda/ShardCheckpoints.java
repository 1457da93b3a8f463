package dev.eventpipeline.localstack.lambda;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The last sequence number an event source mapping is done with, per shard: a batch delivered, or given up to the
 * on-failure destination. Kept in a properties file when given one, so that a restarted local run goes on after the
 * records it already delivered instead of starting at {@code StartingPosition} again; in memory otherwise.
 */
final class ShardCheckpoints {

    private final Optional<Path> file;
    private final Properties sequenceNumbers = new Properties();

    private ShardCheckpoints(Optional<Path> file) {
        this.file = file;
    }

    /** Checkpoints that live as long as the mapping. */
    static ShardCheckpoints inMemory() {
        return new ShardCheckpoints(Optional.empty());
    }

    /**
     * Checkpoints read from and written to the file; a missing file means no shard was read yet.
     *
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    static ShardCheckpoints inFile(Path file) {
        ShardCheckpoints checkpoints = new ShardCheckpoints(Optional.of(file));
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                checkpoints.sequenceNumbers.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the stream checkpoints in " + file
                        + "; delete it to start the mapping at its StartingPosition again", e);
            }
        }
        return checkpoints;
    }

    /** The sequence number the shard was last checkpointed after. */
    synchronized Optional<String> lastSequence(String shardId) {
        return Optional.ofNullable(sequenceNumbers.getProperty(shardId));
    }

    /**
     * Records that every record of the shard up to this sequence number is done; written through to the file, which
     * is replaced atomically so that a crash leaves the previous checkpoint, and at worst a batch is delivered again.
     */
    synchronized void checkpoint(String shardId, String sequenceNumber) {
        sequenceNumbers.setProperty(shardId, sequenceNumber);
        file.ifPresent(this::write);
    }

    private void write(Path target) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path next = target.resolveSibling(target.getFileName() + ".next");
            try (Writer out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
                sequenceNumbers.store(out, "last sequence number done per shard");
            }
            Files.move(next, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stream checkpoints to " + target, e);
        }
    }
}
