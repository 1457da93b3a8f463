package dev.eventpipeline.lambda.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The calls a runtime makes to the Lambda Runtime API (version 2018-06-01): take the next event, post its response or
 * error, and report an initialization error.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Lambda Runtime API</a>
 */
final class RuntimeApiClient {

    private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String baseUri;

    RuntimeApiClient(String runtimeApi) {
        this.baseUri = "http://" + runtimeApi + "/2018-06-01/runtime/";
    }

    /** Blocks until the platform has an event for this runtime (a long poll without timeout, as on AWS). */
    Invocation next() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + "invocation/next"))
                .GET()
                .build();
        HttpResponse<byte[]> response = send(request);
        var headers = response.headers();
        return new Invocation(
                headers.firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow(),
                headers.firstValueAsLong("Lambda-Runtime-Deadline-Ms").orElse(Long.MAX_VALUE),
                headers.firstValue("Lambda-Runtime-Invoked-Function-Arn").orElse(""),
                headers.firstValue("Lambda-Runtime-Trace-Id").orElse(null),
                response.body());
    }

    void respond(String requestId, byte[] response) throws IOException, InterruptedException {
        post("invocation/" + requestId + "/response", response, null);
    }

    void reportInvocationError(String requestId, Throwable failure) throws IOException, InterruptedException {
        post("invocation/" + requestId + "/error", ErrorJson.write(failure), ErrorJson.errorType(failure));
    }

    void reportInitError(Throwable failure) throws IOException, InterruptedException {
        post("init/error", ErrorJson.write(failure), ErrorJson.errorType(failure));
    }

    private void post(String path, byte[] body, String errorType) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (errorType != null) {
            request.header(ERROR_TYPE_HEADER, errorType);
        }
        send(request.build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw new IOException("Runtime API answered " + response.statusCode() + " to " + request.method() + " "
                    + request.uri());
        }
        return response;
    }
}
