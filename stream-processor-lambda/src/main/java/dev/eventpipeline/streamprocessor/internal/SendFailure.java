package dev.eventpipeline.streamprocessor.internal;

/**
 * A message SQS did not take.
 *
 * @param message the message
 * @param errorCode SQS's error code (for example {@code QueueDoesNotExist}, {@code InvalidParameterValue}), or the
 *        SDK's exception name when no answer came
 * @param reason SQS's or the SDK's message
 */
public record SendFailure(QueuedMessage message, String errorCode, String reason) {
}
