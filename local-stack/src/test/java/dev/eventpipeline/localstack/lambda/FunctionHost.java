package dev.eventpipeline.localstack.lambda;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JVM that runs one local function until it is stopped, so that a test can stop it as Ctrl-C would and look for
 * processes left behind. Prints {@code runtime <pid>} once the function's runtime process is busy with an
 * invocation that sleeps.
 */
public final class FunctionHost {

    private static boolean handling;

    private FunctionHost() {
    }

    public static void main(String[] args) throws Exception {
        Path workDir = Path.of(args[0]);
        FunctionConfig config = new FunctionConfig("hosted", TestFunctionZip.build(workDir),
                "dev.eventpipeline.localstack.lambda.testfunction.ScriptedHandler::handleRequest", 128,
                Duration.ofSeconds(30), "eu-west-1", Map.of());
        LocalFunction function = LocalFunction.start(config, workDir, FunctionHost::onLine);
        // A runtime busy in its handler does not notice its Runtime API going away; only the shutdown hook stops it.
        function.invoke("{\"action\":\"sleep\"}".getBytes(StandardCharsets.UTF_8));
        awaitHandlerRunning();
        String children = ProcessHandle.current().children()
                .map(child -> Long.toString(child.pid()))
                .collect(Collectors.joining(" "));
        System.out.println("runtime " + children);
        Thread.currentThread().join();
    }

    private static void awaitHandlerRunning() throws InterruptedException {
        synchronized (FunctionHost.class) {
            while (!handling) {
                FunctionHost.class.wait();
            }
        }
    }

    private static void onLine(String line) {
        System.out.println(line);
        if (line.contains("handling sleep")) {
            synchronized (FunctionHost.class) {
                handling = true;
                FunctionHost.class.notifyAll();
            }
        }
    }
}
