package dev.eventpipeline.streamprocessor.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The messages of consecutive stream records, one {@link QueueBatch} per queue, sent together. A round ends when a
 * record's messages no longer fit one of its queues' batches; the next round is sent only after every message of this
 * one was taken, so a failure stops the invocation before anything later reaches a queue.
 */
public final class SendRound {

    private final Map<String, QueueBatch> batches = new LinkedHashMap<>();

    /**
     * Whether all messages of one record fit the batches of their queues. A message on its own always fits: the caller
     * refuses messages over {@link QueueBatch#MAX_BYTES}.
     */
    public boolean fits(List<QueuedMessage> messages) {
        return messages.stream().allMatch(message -> {
            QueueBatch batch = batches.get(message.queueUrl());
            return batch == null || batch.fits(message);
        });
    }

    public void add(List<QueuedMessage> messages) {
        messages.forEach(message -> batch(message.queueUrl()).add(message));
    }

    public boolean isEmpty() {
        return batches.isEmpty();
    }

    /** Sends one {@code SendMessageBatch} per queue and empties the round. */
    public Result send(SqsClient sqs) {
        int messages = 0;
        List<SendFailure> failures = new ArrayList<>();
        for (QueueBatch batch : batches.values()) {
            messages += batch.size();
            failures.addAll(batch.send(sqs));
        }
        Result result = new Result(batches.size(), messages - failures.size(), failures);
        batches.clear();
        return result;
    }

    private QueueBatch batch(String queueUrl) {
        return batches.computeIfAbsent(queueUrl, QueueBatch::new);
    }

    /**
     * What a round's sends did.
     *
     * @param sendMessageBatchCalls requests made
     * @param messagesSent messages SQS took
     * @param failures messages SQS did not take
     */
    public record Result(int sendMessageBatchCalls, int messagesSent, List<SendFailure> failures) {
    }
}
