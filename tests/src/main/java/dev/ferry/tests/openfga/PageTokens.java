package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Continuation tokens shaped like the SQL backends' (base64url of {"ulid","ObjectType"}): opaque to
 * clients, and a token that does not decode to this shape is refused as invalid.
 */
final class PageTokens {
    private final ObjectMapper json;

    PageTokens(ObjectMapper json) {
        this.json = json;
    }

    record Position(String ulid, String objectType) {
    }

    String encode(String ulid, String objectType) {
        String text = json.createObjectNode().put("ulid", ulid).put("ObjectType", objectType).toString();
        return Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for the empty token (start from the beginning). */
    Position decode(String token) {
        if (token.isEmpty()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(Base64.getUrlDecoder().decode(token));
            if (node == null || !node.path("ulid").isTextual() || !Ulids.PATTERN.matcher(node.get("ulid").asText()).matches()) {
                throw ApiError.invalidToken();
            }
            return new Position(node.get("ulid").asText(), node.path("ObjectType").asText(""));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw ApiError.invalidToken();
        }
    }
}
