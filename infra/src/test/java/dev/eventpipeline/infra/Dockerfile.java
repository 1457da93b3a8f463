package dev.eventpipeline.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The instructions of a Dockerfile, with continuation lines joined and comments dropped, enough to check what an image
 * is built from and what it contains.
 */
record Dockerfile(Path file, List<Instruction> instructions) {

    /** One instruction: {@code COPY --chown=185 target/x /deployments/} has keyword COPY and those arguments. */
    record Instruction(String keyword, List<String> arguments) {

        /** The sources of a COPY or ADD: every argument but the flags and the destination. */
        List<String> sources() {
            List<String> paths = arguments.stream().filter(argument -> !argument.startsWith("--")).toList();
            return paths.subList(0, Math.max(0, paths.size() - 1));
        }
    }

    static Dockerfile read(Path file) {
        try {
            return new Dockerfile(file, parse(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
    }

    private static List<Instruction> parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        String joined = text.replaceAll("\\\\\\r?\\n", " ");
        for (String line : joined.split("\\r?\\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                instructions.add(instruction(trimmed));
            }
        }
        return instructions;
    }

    private static Instruction instruction(String line) {
        String[] words = line.split("\\s+");
        List<String> arguments = Arrays.asList(words).subList(1, words.length);
        return new Instruction(words[0].toUpperCase(Locale.ROOT), arguments);
    }
}
