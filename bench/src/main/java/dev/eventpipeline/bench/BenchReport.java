package dev.eventpipeline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The benchmark table: printed as text, and written as JSON and Markdown under {@code bench/results/} with the facts of
 * the machine it ran on.
 */
public final class BenchReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Row> rows;
    private final Map<String, String> facts;
    private final Instant when;

    public BenchReport(List<Row> rows, Map<String, String> extraFacts, Instant when) {
        this.rows = List.copyOf(rows);
        this.facts = new LinkedHashMap<>(machineFacts());
        this.facts.putAll(extraFacts);
        this.when = when;
    }

    /** Cores, memory, JDK and operating system of this machine. */
    static Map<String, String> machineFacts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        facts.put("memory", String.format("%.1f GiB", memory / (1024.0 * 1024 * 1024)));
        facts.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        return facts;
    }

    /** The table for a terminal: one line per row, and under it what the row's baseline is. */
    public String text() {
        String header = String.format("%-44s %14s %14s %8s %9s  %s", "metric", "system", "baseline", "ratio", "target",
                "result");
        return rows.stream()
                .map(row -> String.format("%-44s %14s %14s %8s %9s  %s", row.metric(), figure(row.system(), row.unit()),
                        figure(row.baselineFigure(), row.unit()), ratio(row), row.targetText(),
                        row.passed() ? "pass" : "FAIL") + "\n      baseline: " + row.baseline())
                .collect(Collectors.joining("\n", header + "\n", "\n"));
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("Measured ").append(when).append(" on ")
                .append(facts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                .append(".\n\n| metric | system | baseline | ratio | target | result |\n| --- | ---: | ---: | ---: | --- | --- |\n");
        rows.forEach(row -> out.append(String.format("| %s | %s | %s (%s) | %s | %s | %s |%n", row.metric(),
                figure(row.system(), row.unit()), figure(row.baselineFigure(), row.unit()), row.baseline(), ratio(row),
                row.targetText(), row.passed() ? "pass" : "**fail**")));
        return out.toString();
    }

    /** Writes {@code results.json} and {@code results.md} into the folder. */
    public void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("measuredAt", when.toString());
        document.put("machine", facts);
        document.put("rows", rows);
        Files.writeString(folder.resolve("results.json"), JSON.writeValueAsString(document), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("results.md"), markdown(), StandardCharsets.UTF_8);
    }

    /**
     * The ratio with two decimals, or three where two would print the target itself for a row that misses it (0.798x
     * against at least 0.80x), so that the figure never seems to contradict its result.
     */
    static String ratio(Row row) {
        String two = String.format("%.2fx", row.ratio());
        return two.equals(String.format("%.2fx", row.target())) && !row.passed() ? String.format("%.3fx", row.ratio())
                : two;
    }

    private static String figure(double value, String unit) {
        return (value >= 100 ? String.format("%.0f", value) : String.format("%.2f", value)) + " " + unit;
    }
}
