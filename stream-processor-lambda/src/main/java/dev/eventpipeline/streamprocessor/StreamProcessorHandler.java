package dev.eventpipeline.streamprocessor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.inject.Inject;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Lambda function the events table's DynamoDB Streams event source mapping invokes. It reads the event as the raw
 * JSON Lambda delivers (see {@link DynamoDbStreamEvent}), forwards the INSERTs to SQS ({@link StreamForwarder}) and
 * answers in the {@code ReportBatchItemFailures} form ({@link StreamsEventResponse}).
 * <p>
 * The event source mapping must have {@code FunctionResponseTypes: [ReportBatchItemFailures]}; without it Lambda
 * ignores the answer and treats a partly sent batch as done.
 */
public class StreamProcessorHandler implements RequestStreamHandler {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final StreamForwarder forwarder;

    @Inject
    public StreamProcessorHandler(StreamForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ForwardResult result = forwarder.forward(DynamoDbStreamEvent.read(input));
        MAPPER.writeValue(output, result.response());
    }
}
