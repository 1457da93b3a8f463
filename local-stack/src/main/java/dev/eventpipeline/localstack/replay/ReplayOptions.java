package dev.eventpipeline.localstack.replay;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What to replay and how. Parsed from the command line; see {@link #USAGE}.
 *
 * @param file the NDJSON file, or {@code null} for standard input
 * @param url the ingest batch endpoint
 * @param idPath JSON path of the CloudEvents {@code id}
 * @param typePath JSON path of {@code type}
 * @param subjectPath JSON path of {@code subject}, the stream key
 * @param timePath JSON path of {@code time}, or {@code null} for events without time
 * @param sourcePath JSON path of {@code source}, or {@code null} when {@code fixedSource} is given
 * @param fixedSource one {@code source} for every event, or {@code null}
 * @param dataPath JSON path of {@code data}; {@code $} sends the whole line exactly
 * @param batchSize events per request, at most 500 (the ingest API's limit)
 * @param concurrency requests in flight at once; each stream stays on one lane, so its order is kept
 */
public record ReplayOptions(Path file, URI url, String idPath, String typePath, String subjectPath, String timePath,
        String sourcePath, String fixedSource, String dataPath, int batchSize, int concurrency) {

    static final String USAGE = """
            Usage: replay [FILE] [options]     (reads standard input without FILE)
              --url URL            ingest batch endpoint (default http://127.0.0.1:3000/events/batch)
              --id PATH            JSON path of the event id (default $.id)
              --type PATH          JSON path of the event type (default $.type)
              --subject PATH       JSON path of the subject, the stream key (required)
              --time PATH          JSON path of the event time (optional)
              --source PATH        JSON path of the source, or
              --source-value URI   one source for every event (one of the two is required)
              --data PATH          JSON path of the data (default $: the whole line, byte for byte)
              --batch-size N       events per request, 1..500 (default 100)
              --concurrency N      requests in flight, 1..64 (default 4)
            Example (the GH Archive sample):
              replay ../shared/data/gharchive-sample.jsonl --subject '$.repo.name' --time '$.created_at' \\
                --source-value https://api.github.com""";

    private static final Set<String> FLAGS = Set.of("--url", "--id", "--type", "--subject", "--time", "--source",
            "--source-value", "--data", "--batch-size", "--concurrency");

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException saying which argument is wrong and why
     */
    public static ReplayOptions parse(String... args) {
        Map<String, String> flags = new HashMap<>();
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (FLAGS.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                flags.put(arg, args[++i]);
            } else if (arg.startsWith("--") || file != null) {
                throw new IllegalArgumentException("unknown argument " + arg);
            } else {
                file = Path.of(arg);
            }
        }
        if (!flags.containsKey("--subject")) {
            throw new IllegalArgumentException("--subject is required: it names each event's stream");
        }
        if (flags.containsKey("--source") == flags.containsKey("--source-value")) {
            throw new IllegalArgumentException("give exactly one of --source PATH and --source-value URI");
        }
        return new ReplayOptions(file, URI.create(flags.getOrDefault("--url", "http://127.0.0.1:3000/events/batch")),
                flags.getOrDefault("--id", "$.id"), flags.getOrDefault("--type", "$.type"), flags.get("--subject"),
                flags.get("--time"), flags.get("--source"), flags.get("--source-value"), flags.getOrDefault("--data", "$"),
                number(flags, "--batch-size", 100, 500), number(flags, "--concurrency", 4, 64));
    }

    private static int number(Map<String, String> flags, String name, int fallback, int max) {
        String text = flags.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new IllegalArgumentException(name + " must be a whole number from 1 to " + max + ", not " + text);
    }
}
