package dev.eventpipeline.localstack.dynamodb.internal;

/** The primary key of one item: partition key and sort key ({@link AttributeKey#NONE} when the table has none). */
public record ItemKey(AttributeKey partition, AttributeKey sort) {
}
