/**
 * The Lambda platform on one machine: a Runtime API per function
 * ({@link dev.eventpipeline.localstack.lambda.LambdaRuntimeApi}),
 * function processes run from their zips ({@link dev.eventpipeline.localstack.lambda.LocalFunction}), an API Gateway
 * HTTP API front ({@link dev.eventpipeline.localstack.lambda.HttpApiGateway}) and a DynamoDB stream event source
 * mapping ({@link dev.eventpipeline.localstack.lambda.StreamEventSourceMapping}).
 */
package dev.eventpipeline.localstack.lambda;
