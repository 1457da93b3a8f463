/**
 * The Lambda platform on one machine: a Runtime API per function
 * ({@link dev.eventpipeline.localstack.lambda.LambdaRuntimeApi}),
 * function processes run from their zips ({@link dev.eventpipeline.localstack.lambda.LocalFunction}, several at once with
 * {@link dev.eventpipeline.localstack.lambda.LocalFunctionPool}), an API Gateway HTTP API front
 * ({@link dev.eventpipeline.localstack.lambda.HttpApiGateway}) and a DynamoDB stream event source mapping
 * ({@link dev.eventpipeline.localstack.lambda.StreamEventSourceMapping}).
 * <p>
 * A process that hosts these next to other JDK HTTP servers should start with
 * {@code -Dsun.net.httpserver.nodelay=true}; see {@code LocalHttpServer} for why. Stop the parts in the reverse order
 * of the data flow: mapping, HTTP front, then functions.
 */
package dev.eventpipeline.localstack.lambda;
