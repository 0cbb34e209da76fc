package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** WriteAuthorizationModel, ReadAuthorizationModels (newest first), ReadAuthorizationModel. */
final class ModelsApi {
    private final StoreRegistry registry;
    private final ObjectMapper json;
    private final PageTokens tokens;
    private final ModelParser parser;

    ModelsApi(StoreRegistry registry, ObjectMapper json, PageTokens tokens) {
        this.registry = registry;
        this.json = json;
        this.tokens = tokens;
        this.parser = new ModelParser(json);
    }

    ApiResponse write(ApiRequest request) {
        ProtoRules.requireStoreId("WriteAuthorizationModelRequest", request.storeId());
        String id = registry.newId(registry.now());
        registry.data(request.storeId()).addModel(parser.parse(id, request.body()));
        return new ApiResponse(201, json.createObjectNode().put("authorization_model_id", id), Map.of());
    }

    ApiResponse list(ApiRequest request) {
        String message = "ReadAuthorizationModelsRequest";
        ProtoRules.requireStoreId(message, request.storeId());
        int pageSize = ProtoRules.pageSize(message,
                json.getNodeFactory().textNode(request.query().getOrDefault("page_size", "")));
        String token = ProtoRules.continuationToken(message,
                json.getNodeFactory().textNode(request.query().getOrDefault("continuation_token", "")));
        PageTokens.Position from = tokens.decode(token);
        ObjectNode body = json.createObjectNode();
        ArrayNode models = body.putArray("authorization_models");
        String next = "";
        for (AuthorizationModel model : registry.data(request.storeId()).modelsNewestFirst()) {
            if (from != null && model.id().compareTo(from.ulid()) > 0) {
                continue;
            }
            if (models.size() == pageSize) {
                next = tokens.encode(model.id(), "");
                break;
            }
            models.add(model.json().deepCopy());
        }
        body.put("continuation_token", next);
        return ApiResponse.ok(body);
    }

    ApiResponse get(ApiRequest request) {
        String message = "ReadAuthorizationModelRequest";
        ProtoRules.requireStoreId(message, request.storeId());
        String id = request.path().get(3);
        ProtoRules.requirePattern(message, "Id", id, ProtoRules.ULID, false);
        AuthorizationModel model = registry.data(request.storeId()).model(id);
        if (model == null) {
            throw ApiError.modelNotFound(id);
        }
        ObjectNode body = json.createObjectNode();
        body.set("authorization_model", model.json().deepCopy());
        return ApiResponse.ok(body);
    }
}
