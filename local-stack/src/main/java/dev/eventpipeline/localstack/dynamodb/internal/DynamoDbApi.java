package dev.eventpipeline.localstack.dynamodb.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Routes {@code X-Amz-Target} operations of the DynamoDB ({@code DynamoDB_20120810}) and DynamoDB Streams
 * ({@code DynamoDBStreams_20120810}) JSON 1.0 protocols to their implementations.
 */
public final class DynamoDbApi {

    private final Map<String, BiFunction<ObjectNode, String, ObjectNode>> operations = new HashMap<>();
    private final Faults faults;

    /** The API over a database, failing requests as {@code faults} says. */
    public DynamoDbApi(Database database, Faults faults) {
        this.faults = faults;
        registerTables(new TableOperations(database));
        registerItems(new ItemOperations(database), new QueryOperations(database));
        registerMany(new BatchOperations(database), new TransactionOperations(database));
        registerStreams(new StreamOperations(database));
    }

    private void registerTables(TableOperations tables) {
        operations.put("DynamoDB_20120810.CreateTable", tables::createTable);
        operations.put("DynamoDB_20120810.DescribeTable", (request, region) -> tables.describeTable(request));
        operations.put("DynamoDB_20120810.ListTables", (request, region) -> tables.listTables(request));
        operations.put("DynamoDB_20120810.DeleteTable", (request, region) -> tables.deleteTable(request));
        operations.put("DynamoDB_20120810.UpdateTable", (request, region) -> tables.updateTable(request));
        operations.put("DynamoDB_20120810.UpdateTimeToLive", (request, region) -> tables.updateTimeToLive(request));
        operations.put("DynamoDB_20120810.DescribeTimeToLive", (request, region) -> tables.describeTimeToLive(request));
    }

    private void registerItems(ItemOperations items, QueryOperations queries) {
        operations.put("DynamoDB_20120810.PutItem", (request, region) -> items.putItem(request));
        operations.put("DynamoDB_20120810.GetItem", (request, region) -> items.getItem(request));
        operations.put("DynamoDB_20120810.UpdateItem", (request, region) -> items.updateItem(request));
        operations.put("DynamoDB_20120810.DeleteItem", (request, region) -> items.deleteItem(request));
        operations.put("DynamoDB_20120810.Query", (request, region) -> queries.query(request));
        operations.put("DynamoDB_20120810.Scan", (request, region) -> queries.scan(request));
    }

    private void registerMany(BatchOperations batches, TransactionOperations transactions) {
        operations.put("DynamoDB_20120810.BatchWriteItem", (request, region) -> batches.batchWriteItem(request));
        operations.put("DynamoDB_20120810.BatchGetItem", (request, region) -> batches.batchGetItem(request));
        operations.put("DynamoDB_20120810.TransactWriteItems",
                (request, region) -> transactions.transactWriteItems(request));
        operations.put("DynamoDB_20120810.TransactGetItems", (request, region) -> transactions.transactGetItems(request));
    }

    private void registerStreams(StreamOperations streams) {
        operations.put("DynamoDBStreams_20120810.ListStreams", (request, region) -> streams.listStreams(request));
        operations.put("DynamoDBStreams_20120810.DescribeStream", (request, region) -> streams.describeStream(request));
        operations.put("DynamoDBStreams_20120810.GetShardIterator",
                (request, region) -> streams.getShardIterator(request));
        operations.put("DynamoDBStreams_20120810.GetRecords", (request, region) -> streams.getRecords(request));
    }

    /** Runs one operation; failures arrive as {@link ApiException}. */
    public ObjectNode handle(String target, byte[] body, String region) {
        BiFunction<ObjectNode, String, ObjectNode> operation = target == null ? null : operations.get(target);
        if (operation == null) {
            throw ApiException.of("UnknownOperationException", 400, "An unknown operation was requested: " + target,
                    null);
        }
        faults.check(target.substring(target.indexOf('.') + 1));
        return operation.apply(Json.parseRequest(body), region);
    }
}
