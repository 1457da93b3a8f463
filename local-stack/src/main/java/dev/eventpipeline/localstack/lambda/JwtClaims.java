package dev.eventpipeline.localstack.lambda;

import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code requestContext.authorizer.jwt} part of an HTTP API event for a request with a bearer JWT: {@code claims}
 * with every value as a string, as API Gateway passes them, and {@code scopes} null. Locally the token is decoded,
 * not verified: there is no issuer to check it against.
 */
final class JwtClaims {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JwtClaims() {
    }

    /** The authorizer's fields, or empty when the header holds no readable bearer JWT. */
    static Optional<ObjectNode> of(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        return payload(parts[1]).map(JwtClaims::authorizer);
    }

    private static Optional<JsonNode> payload(String encoded) {
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(encoded));
            return payload != null && payload.isObject() ? Optional.of(payload) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode authorizer(JsonNode payload) {
        ObjectNode jwt = JSON.createObjectNode();
        ObjectNode claims = jwt.putObject("claims");
        payload.fields().forEachRemaining(claim -> claims.put(claim.getKey(),
                claim.getValue().isValueNode() ? claim.getValue().asText() : claim.getValue().toString()));
        jwt.putNull("scopes");
        return jwt;
    }
}
