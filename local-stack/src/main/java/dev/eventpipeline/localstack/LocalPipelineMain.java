package dev.eventpipeline.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-local.sh}: starts the whole pipeline on this machine and keeps it up until Ctrl-C.
 */
public final class LocalPipelineMain {

    static final String USAGE = """
            Usage: run-local.sh [--services-only] [--clean] [--data-dir DIR] [--region REGION]
              --services-only  start DynamoDB, SQS and PostgreSQL only, to run the services in Quarkus dev mode
              --clean          start from empty data (deletes the data directory's contents)
              --data-dir DIR   where the data lives across restarts (default .local-stack)
              --region REGION  the AWS region the functions are told (default us-east-1)""";

    private LocalPipelineMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalPipelineOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local pipeline: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        LocalPipeline pipeline;
        try {
            pipeline = LocalPipeline.start(options, System.out::println);
        } catch (IllegalStateException e) {
            System.err.println("local pipeline: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("local pipeline: stopping");
            pipeline.close();
            stopped.countDown();
        }, "stop-local-pipeline"));
        System.out.println(status(pipeline, options));
        stopped.await();
    }

    static LocalPipelineOptions parse(String... args) {
        Path dataDirectory = Path.of(".local-stack");
        boolean clean = false;
        boolean servicesOnly = false;
        String region = "us-east-1";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clean" -> clean = true;
                case "--services-only" -> servicesOnly = true;
                case "--data-dir" -> dataDirectory = Path.of(value(args, ++i, "--data-dir"));
                case "--region" -> region = value(args, ++i, "--region");
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return new LocalPipelineOptions(Path.of("").toAbsolutePath(), dataDirectory.toAbsolutePath(), clean,
                servicesOnly, LocalPipelineOptions.Ports.DEFAULTS, region);
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    private static String status(LocalPipeline pipeline, LocalPipelineOptions options) {
        StringBuilder status = new StringBuilder("\nlocal pipeline is up")
                .append(options.servicesOnly() ? " (services only)" : "")
                .append(", data in ").append(options.dataDirectory()).append(":\n");
        pipeline.endpoints().forEach((name, url) -> status.append(String.format("  %-24s %s%n", name, url)));
        return status.append("Ctrl-C stops everything.").toString();
    }
}
