/**
 * A JDK-only client of the AWS Lambda Runtime API that runs a Java function's stream handler the way the managed
 * Java runtime does. It stands in for {@code com.amazonaws:aws-lambda-java-runtime-interface-client} on the local
 * pipeline.
 */
package dev.eventpipeline.lambda.runtime;
