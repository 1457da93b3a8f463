package dev.eventpipeline.lambda.runtime;

import java.util.Map;

/**
 * What the platform tells a runtime about its function through reserved environment variables.
 *
 * @param runtimeApi {@code AWS_LAMBDA_RUNTIME_API}: host and port of the Runtime API
 * @param handler {@code _HANDLER}: {@code class::method}, or a class implementing {@code RequestStreamHandler}
 * @param functionName {@code AWS_LAMBDA_FUNCTION_NAME}
 * @param functionVersion {@code AWS_LAMBDA_FUNCTION_VERSION}, {@code $LATEST} when unset
 * @param memoryLimitMb {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}
 * @param logGroupName {@code AWS_LAMBDA_LOG_GROUP_NAME}
 * @param logStreamName {@code AWS_LAMBDA_LOG_STREAM_NAME}
 */
public record FunctionSettings(String runtimeApi, String handler, String functionName, String functionVersion,
        int memoryLimitMb, String logGroupName, String logStreamName) {

    /**
     * Reads the settings from the process environment.
     *
     * @throws IllegalStateException naming the variable that is missing or not a number
     */
    public static FunctionSettings fromEnvironment(Map<String, String> env) {
        return new FunctionSettings(
                required(env, "AWS_LAMBDA_RUNTIME_API"),
                required(env, "_HANDLER"),
                required(env, "AWS_LAMBDA_FUNCTION_NAME"),
                env.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                memoryLimit(env),
                env.getOrDefault("AWS_LAMBDA_LOG_GROUP_NAME", ""),
                env.getOrDefault("AWS_LAMBDA_LOG_STREAM_NAME", ""));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the Lambda platform sets it");
        }
        return value;
    }

    private static int memoryLimit(Map<String, String> env) {
        String value = env.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("AWS_LAMBDA_FUNCTION_MEMORY_SIZE is not a number of MB: '" + value + "'", e);
        }
    }
}
