package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** ReadAssertions and WriteAssertions: a list kept per model id, replaced whole on each write. */
final class AssertionsApi {
    private static final int MAX_ASSERTIONS = 100;

    private final StoreRegistry registry;
    private final ObjectMapper json;

    AssertionsApi(StoreRegistry registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    ApiResponse read(ApiRequest request) {
        String modelId = checkIds("ReadAssertionsRequest", request);
        JsonNode stored = registry.data(request.storeId()).assertions(modelId);
        ObjectNode body = json.createObjectNode().put("authorization_model_id", modelId);
        body.set("assertions", stored == null ? json.createArrayNode() : stored.deepCopy());
        return ApiResponse.ok(body);
    }

    ApiResponse write(ApiRequest request) {
        String modelId = checkIds("WriteAssertionsRequest", request);
        JsonNode in = request.field("assertions");
        if (in.size() > MAX_ASSERTIONS) {
            throw ApiError.validation("invalid WriteAssertionsRequest.Assertions: value must contain no more than "
                    + MAX_ASSERTIONS + " item(s)");
        }
        StoreData store = registry.data(request.storeId());
        if (store.model(modelId) == null) {
            throw ApiError.modelNotFound(modelId);
        }
        ArrayNode assertions = json.createArrayNode();
        for (JsonNode a : in) {
            ObjectNode out = assertions.addObject();
            JsonNode key = a.path("tuple_key");
            out.putObject("tuple_key").put("object", ProtoRules.text(key.path("object")))
                    .put("relation", ProtoRules.text(key.path("relation"))).put("user", ProtoRules.text(key.path("user")));
            out.put("expectation", a.path("expectation").asBoolean(false));
            ArrayNode contextual = out.putArray("contextual_tuples");
            a.path("contextual_tuples").forEach(t -> contextual.add(TupleKey.parse(t, true, json).toJson(json)));
            out.set("context", a.path("context").isObject() ? a.get("context").deepCopy() : json.nullNode());
        }
        store.putAssertions(modelId, assertions);
        return new ApiResponse(204, null, Map.of());
    }

    private static String checkIds(String message, ApiRequest request) {
        ProtoRules.requireStoreId(message, request.storeId());
        String modelId = request.path().get(3);
        ProtoRules.requirePattern(message, "AuthorizationModelId", modelId, ProtoRules.ULID, false);
        return modelId;
    }
}
