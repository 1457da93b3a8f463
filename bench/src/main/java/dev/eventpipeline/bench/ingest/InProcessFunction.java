package dev.eventpipeline.bench.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The packaged ingest function loaded into this JVM in a class loader of its own (its runner jar and, through the
 * jar's manifest, its {@code lib/}), and invoked the way AWS's Java runtime invokes a stream handler. This measures the
 * handler without the Runtime API's HTTP hops, which a raw SDK loop does not pay either. The class loader stays open
 * until the JVM exits, because the function's own threads keep loading classes from it while they wind down.
 */
final class InProcessFunction {

    private final URLClassLoader loader;
    private final Object handler;
    private final Method handleRequest;

    private InProcessFunction(URLClassLoader loader, Object handler, Method handleRequest) {
        this.loader = loader;
        this.handler = handler;
        this.handleRequest = handleRequest;
    }

    /** Loads and initialises the handler; configuration comes from system properties set before. */
    static InProcessFunction load(Path runnerJar, String handlerClass) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] { runnerJar.toUri().toURL() },
                ClassLoader.getPlatformClassLoader());
        return withContextLoader(loader, () -> {
            Class<?> type = Class.forName(handlerClass, true, loader);
            Method handleRequest = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 3
                            && m.getParameterTypes()[0] == InputStream.class)
                    .findFirst()
                    .orElseThrow();
            return new InProcessFunction(loader, type.getDeclaredConstructor().newInstance(), handleRequest);
        });
    }

    /** One invocation: the API Gateway event in, the function's response payload out. */
    String invoke(String event) throws Exception {
        return withContextLoader(loader, () -> {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            handleRequest.invoke(handler, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output,
                    LambdaJavaRuntime.context(handleRequest.getParameterTypes()[2], UUID.randomUUID().toString()));
            return output.toString(StandardCharsets.UTF_8);
        });
    }

    private static <T> T withContextLoader(ClassLoader loader, Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
