package dev.eventpipeline.localstack.dynamodb.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One committed write: the item before and after ({@code null} when absent). {@code byTimeToLive} marks deletions
 * made by the TTL sweep, which stream records attribute to the service.
 */
record Change(Table table, ItemKey key, ObjectNode oldItem, ObjectNode newItem, boolean byTimeToLive) {

    static Change of(Table table, ItemKey key, ObjectNode oldItem, ObjectNode newItem) {
        return new Change(table, key, oldItem, newItem, false);
    }

    /** Whether the write changed anything: DynamoDB writes no stream record for a write that changes nothing. */
    boolean changesItem() {
        if (oldItem == null || newItem == null) {
            return oldItem != newItem;
        }
        return !AttributeValues.sameItems(oldItem, newItem);
    }

    /** INSERT, MODIFY or REMOVE, as stream records name the change. */
    String eventName() {
        if (oldItem == null) {
            return "INSERT";
        }
        return newItem == null ? "REMOVE" : "MODIFY";
    }
}
