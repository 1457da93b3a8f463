package dev.eventpipeline.localstack.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a local function runs from: the settings of an {@code AWS::Serverless::Function} (or
 * {@code AWS::Lambda::Function}) that matter on one machine.
 *
 * @param name {@code FunctionName}, also the prefix of the function's log lines
 * @param codeZip {@code CodeUri}: the deployment package, e.g. {@code target/function.zip} built by
 *        {@code quarkus-amazon-lambda} (the runner jar's content at the root, dependencies in {@code lib/})
 * @param handler {@code Handler}, e.g. {@code io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest}
 * @param memorySizeMb {@code MemorySize} in MB; the JVM heap gets 85% of it
 * @param timeout {@code Timeout}: how long one invocation may run before the runtime process is stopped
 * @param region {@code AWS_REGION} of the function
 * @param environment {@code Environment.Variables}; the local run also puts endpoint overrides and the local
 *        services' credentials here, since no execution role hands them out
 */
public record FunctionConfig(String name, Path codeZip, String handler, int memorySizeMb, Duration timeout, String region,
        Map<String, String> environment) {

    /** The account id of ARNs built locally, the one {@code sam local} uses. */
    public static final String LOCAL_ACCOUNT_ID = "123456789012";

    /** {@code arn:aws:lambda:<region>:123456789012:function:<name>}. */
    public String functionArn() {
        return "arn:aws:lambda:" + region + ":" + LOCAL_ACCOUNT_ID + ":function:" + name;
    }
}
