package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A successful reply; a null body means no content (the 204 answers). */
record ApiResponse(int status, JsonNode body, Map<String, String> headers) {
    static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body, Map.of());
    }
}
