package dev.eventpipeline.localstack.dynamodb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A table's primary key: the partition (HASH) key and the optional sort (RANGE) key with their types. */
public record KeySchema(String partitionName, String partitionType, String sortName, String sortType) {

    private static final int MAX_PARTITION_KEY_BYTES = 2048;
    private static final int MAX_SORT_KEY_BYTES = 1024;

    /** Whether the table has a sort key. */
    public boolean hasSort() {
        return sortName != null;
    }

    /** Whether an attribute is part of the primary key. */
    public boolean isKeyAttribute(String name) {
        return name.equals(partitionName) || name.equals(sortName);
    }

    /** The key of an item a client wants to store; the item must carry every key attribute. */
    public ItemKey keyOfItem(ObjectNode item) {
        AttributeKey partition = keyPart(item, partitionName, partitionType, MAX_PARTITION_KEY_BYTES);
        AttributeKey sort = hasSort() ? keyPart(item, sortName, sortType, MAX_SORT_KEY_BYTES) : AttributeKey.NONE;
        return new ItemKey(partition, sort);
    }

    /** The key a client names in GetItem, DeleteItem, UpdateItem: exactly the key attributes, nothing else. */
    public ItemKey keyOfKey(ObjectNode key) {
        if (key == null || key.size() != (hasSort() ? 2 : 1) || !key.has(partitionName)
                || (hasSort() && !key.has(sortName))) {
            throw ApiException.validation("The provided key element does not match the schema");
        }
        return keyOfItem(key);
    }

    private AttributeKey keyPart(ObjectNode item, String name, String type, int maxBytes) {
        JsonNode value = item.get(name);
        if (value == null) {
            throw ApiException.validation("One or more parameter values were invalid: Missing the key " + name
                    + " in the item");
        }
        String actual = AttributeValues.type(value);
        if (!type.equals(actual)) {
            throw ApiException.validation("One or more parameter values were invalid: Type mismatch for key " + name
                    + " expected: " + type + " actual: " + actual);
        }
        checkKeySize(name, value, maxBytes);
        return AttributeKey.of(value);
    }

    private void checkKeySize(String name, JsonNode value, int maxBytes) {
        int size = AttributeValues.keyValueSize(value);
        if (size == 0) {
            throw ApiException.validation("One or more parameter values are not valid. The AttributeValue for a key"
                    + " attribute cannot contain an empty " + ("B".equals(AttributeValues.type(value)) ? "binary" : "string")
                    + " value. Key: " + name);
        }
        if (size > maxBytes) {
            String kind = maxBytes == MAX_PARTITION_KEY_BYTES ? "Size of hashkey has exceeded the maximum size limit of"
                    : "Aggregated size of all range keys has exceeded the size limit of ";
            throw ApiException.validation("One or more parameter values were invalid: " + kind + maxBytes + " bytes");
        }
    }

    /** The key attributes of a stored item, as the {@code Keys} of a stream record or a LastEvaluatedKey. */
    public ObjectNode keyAttributes(JsonNode item) {
        ObjectNode key = Json.object();
        key.set(partitionName, item.get(partitionName));
        if (hasSort()) {
            key.set(sortName, item.get(sortName));
        }
        return key;
    }

    /** Reads {@code KeySchema} and {@code AttributeDefinitions} of a CreateTable request. */
    public static KeySchema fromRequest(JsonNode keySchema, JsonNode definitions) {
        if (keySchema == null || !keySchema.isArray() || keySchema.isEmpty() || keySchema.size() > 2) {
            throw ApiException.validation("1 validation error detected: Value at 'keySchema' failed to satisfy"
                    + " constraint: Member must have length less than or equal to 2 and greater than or equal to 1");
        }
        String partition = keyName(keySchema, "HASH");
        String sort = keyName(keySchema, "RANGE");
        if (partition == null) {
            throw ApiException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (keySchema.size() == 2 && sort == null) {
            throw ApiException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        checkDefinitions(definitions, keySchema.size());
        return new KeySchema(partition, definedType(definitions, partition), sort,
                sort == null ? null : definedType(definitions, sort));
    }

    private static String keyName(JsonNode keySchema, String keyType) {
        for (JsonNode element : keySchema) {
            if (keyType.equals(element.path("KeyType").asText())) {
                return element.path("AttributeName").asText();
            }
        }
        return null;
    }

    private static void checkDefinitions(JsonNode definitions, int keyCount) {
        if (definitions == null || !definitions.isArray() || definitions.size() != keyCount) {
            throw ApiException.validation("One or more parameter values were invalid: Number of attributes in KeySchema"
                    + " does not exactly match number of attributes defined in AttributeDefinitions");
        }
    }

    private static String definedType(JsonNode definitions, String name) {
        for (JsonNode definition : definitions) {
            if (name.equals(definition.path("AttributeName").asText())) {
                String type = definition.path("AttributeType").asText();
                if (!type.equals("S") && !type.equals("N") && !type.equals("B")) {
                    throw ApiException.validation("1 validation error detected: Value '" + type
                            + "' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint:"
                            + " Member must satisfy enum value set: [B, N, S]");
                }
                return type;
            }
        }
        throw ApiException.validation("One or more parameter values were invalid: Some index key attributes are not"
                + " defined in AttributeDefinitions. Keys: [" + name + "], AttributeDefinitions: " + definitions);
    }

    /** {@code KeySchema} as DescribeTable returns it. */
    public ArrayNode keySchemaJson() {
        ArrayNode schema = Json.array();
        schema.addObject().put("AttributeName", partitionName).put("KeyType", "HASH");
        if (hasSort()) {
            schema.addObject().put("AttributeName", sortName).put("KeyType", "RANGE");
        }
        return schema;
    }

    /** {@code AttributeDefinitions} as DescribeTable returns them. */
    public ArrayNode attributeDefinitionsJson() {
        ArrayNode definitions = Json.array();
        definitions.addObject().put("AttributeName", partitionName).put("AttributeType", partitionType);
        if (hasSort()) {
            definitions.addObject().put("AttributeName", sortName).put("AttributeType", sortType);
        }
        return definitions;
    }

    /** Reads the form written by {@link #keySchemaJson()} and {@link #attributeDefinitionsJson()}. */
    public static KeySchema fromJson(JsonNode keySchema, JsonNode definitions) {
        return fromRequest(keySchema, definitions);
    }
}
