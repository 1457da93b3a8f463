package dev.eventpipeline.bench.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Arrays;

/**
 * What the AWS Lambda Java runtime does for a stream handler, reduced to its loop: create the handler once, then fetch
 * each invocation from the Runtime API, call {@code handleRequest(InputStream, OutputStream, Context)} and post the
 * output back. Both functions of the cold-start comparison run under it, so the comparison is of the functions only.
 * <p>
 * The {@code Context} is a proxy of the interface found on the handler's classpath, so this class needs no Lambda
 * library itself.
 */
public final class LambdaJavaRuntime {

    private LambdaJavaRuntime() {
    }

    /**
     * @param args the handler class name, e.g. {@code io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler}
     */
    public static void main(String[] args) throws Exception {
        String invocations = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/";
        Class<?> handlerClass = Class.forName(args[0]);
        Object handler = handlerClass.getDeclaredConstructor().newInstance();
        Method handleRequest = Arrays.stream(handlerClass.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 3
                        && m.getParameterTypes()[0] == InputStream.class)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(args[0] + " has no handleRequest(InputStream, OutputStream,"
                        + " Context)"));
        while (true) {
            HttpURLConnection next = (HttpURLConnection) URI.create(invocations + "next").toURL().openConnection();
            byte[] event = next.getInputStream().readAllBytes();
            String requestId = next.getHeaderField("Lambda-Runtime-Aws-Request-Id");
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            handleRequest.invoke(handler, new ByteArrayInputStream(event), output,
                    context(handleRequest.getParameterTypes()[2], requestId));
            post(invocations + requestId + "/response", output.toByteArray());
        }
    }

    static Object context(Class<?> type, String requestId) {
        if (!type.isInterface()) {
            return null;
        }
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, arguments) -> {
            return switch (method.getName()) {
                case "getAwsRequestId" -> requestId;
                case "getFunctionName" -> "ingest-bench";
                case "getRemainingTimeInMillis" -> 30_000;
                case "getMemoryLimitInMB" -> 512;
                case "toString" -> "bench context " + requestId;
                case "hashCode" -> requestId.hashCode();
                case "equals" -> proxy == arguments[0];
                default -> null;
            };
        });
    }

    private static void post(String url, byte[] payload) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(payload);
        }
        connection.getInputStream().readAllBytes();
    }
}
