package dev.eventpipeline.localstack.dynamodb;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link LocalDynamoDb} as a process: {@code --port 8000} (the default) and {@code --data-dir DIR} to keep data
 * across restarts. Binds 127.0.0.1 only; stops on Ctrl-C or SIGTERM.
 */
public final class LocalDynamoDbMain {

    private LocalDynamoDbMain() {
    }

    /** Starts the endpoint and waits until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        int port = 8000;
        Path dataDirectory = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--data-dir" -> dataDirectory = Path.of(value(args, ++i, "--data-dir"));
                default -> usage("unknown option " + args[i]);
            }
        }
        LocalDynamoDb db = LocalDynamoDb.start(port, dataDirectory);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            db.close();
            stopped.countDown();
        }, "local-dynamodb-shutdown"));
        System.out.println("Local DynamoDB ready at " + db.endpoint());
        stopped.await();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            usage(option + " needs a value");
        }
        return args[index];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: LocalDynamoDbMain [--port 8000] [--data-dir DIR]");
        System.exit(2);
    }
}
