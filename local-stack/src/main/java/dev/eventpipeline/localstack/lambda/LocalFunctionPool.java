package dev.eventpipeline.localstack.lambda;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Several runtime processes of one function, as Lambda runs concurrent invocations in separate execution
 * environments: each invocation goes to the process with the fewest invocations in flight, so up to
 * {@code concurrency} run at once and the rest wait in order. Each process is a {@link LocalFunction} with its own
 * task root under {@code <workDir>/env-<n>}.
 */
public final class LocalFunctionPool implements FunctionInvoker, AutoCloseable {

    private final List<Environment> environments;

    private LocalFunctionPool(List<Environment> environments) {
        this.environments = environments;
    }

    /**
     * Starts {@code concurrency} runtime processes of the function.
     *
     * @param concurrency how many invocations may run at once, as a function's reserved concurrency; at least 1
     */
    public static LocalFunctionPool start(FunctionConfig config, int concurrency, Path workDir, Consumer<String> logSink)
            throws IOException {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency of function " + config.name() + " must be at least 1, got "
                    + concurrency);
        }
        List<Environment> environments = new ArrayList<>();
        try {
            for (int n = 0; n < concurrency; n++) {
                environments.add(new Environment(LocalFunction.start(config, workDir.resolve("env-" + n), logSink)));
            }
        } catch (IOException | RuntimeException e) {
            environments.forEach(environment -> environment.function.close());
            throw e;
        }
        return new LocalFunctionPool(environments);
    }

    /** The function's ARN. */
    public String functionArn() {
        return environments.get(0).function.functionArn();
    }

    @Override
    public CompletionStage<InvocationResult> invoke(byte[] payload) {
        Environment least = environments.stream()
                .min(Comparator.comparingInt(environment -> environment.inFlight.get()))
                .orElseThrow();
        least.inFlight.incrementAndGet();
        return least.function.invoke(payload)
                .whenComplete((result, failure) -> least.inFlight.decrementAndGet());
    }

    /** Stops every runtime process. */
    @Override
    public void close() {
        environments.forEach(environment -> environment.function.close());
    }

    private static final class Environment {

        final LocalFunction function;
        final AtomicInteger inFlight = new AtomicInteger();

        Environment(LocalFunction function) {
            this.function = function;
        }
    }
}
