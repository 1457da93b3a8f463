package dev.eventpipeline.localstack.dynamodb.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error the DynamoDB API returns to the caller: its {@code __type} (the part after {@code #}), the HTTP status the
 * SDK uses to decide whether to retry, the message, and extra members such as {@code Item} or
 * {@code CancellationReasons}.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final int status;
    private final transient ObjectNode members;

    ApiException(String type, int status, String message, ObjectNode members) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
        this.members = members;
    }

    /** {@code ValidationException}: the request is malformed or breaks a documented limit. */
    public static ApiException validation(String message) {
        return new ApiException("ValidationException", 400, message, null);
    }

    static ApiException resourceNotFound(String message) {
        return new ApiException("ResourceNotFoundException", 400, message, null);
    }

    static ApiException resourceInUse(String message) {
        return new ApiException("ResourceInUseException", 400, message, null);
    }

    static ApiException conditionalCheckFailed(ObjectNode oldItem) {
        ObjectNode members = null;
        if (oldItem != null) {
            members = Json.object();
            members.set("Item", oldItem);
        }
        return new ApiException("ConditionalCheckFailedException", 400, "The conditional request failed", members);
    }

    static ApiException of(String type, int status, String message, ObjectNode members) {
        return new ApiException(type, status, message, members);
    }

    /** The error type the SDK maps to an exception class. */
    public String type() {
        return type;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The error body, {@code {"__type": "...#Type", "message": "..."}} plus the extra members. */
    public ObjectNode body() {
        ObjectNode body = Json.object();
        body.put("__type", "com.amazonaws.dynamodb.v20120810#" + type);
        body.put(messageMember(), getMessage());
        if (members != null) {
            body.setAll(members);
        }
        return body;
    }

    private String messageMember() {
        // The service spells it "Message" on cancelled transactions and "message" elsewhere; the SDK reads both.
        return "TransactionCanceledException".equals(type) ? "Message" : "message";
    }
}
