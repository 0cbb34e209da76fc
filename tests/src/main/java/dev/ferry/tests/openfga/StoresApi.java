package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** CreateStore, ListStores, GetStore, DeleteStore. */
final class StoresApi {
    private final StoreRegistry registry;
    private final ObjectMapper json;
    private final PageTokens tokens;

    StoresApi(StoreRegistry registry, ObjectMapper json, PageTokens tokens) {
        this.registry = registry;
        this.json = json;
        this.tokens = tokens;
    }

    ApiResponse create(ApiRequest request) {
        String name = ProtoRules.text(request.field("name"));
        ProtoRules.requirePattern("CreateStoreRequest", "Name", name, ProtoRules.STORE_NAME, false);
        StoreRecord store = registry.create(name);
        ObjectNode body = json.createObjectNode();
        body.put("id", store.id()).put("name", store.name())
                .put("created_at", store.createdAt().toString()).put("updated_at", store.updatedAt().toString());
        return new ApiResponse(201, body, Map.of());
    }

    ApiResponse list(ApiRequest request) {
        int pageSize = ProtoRules.pageSize("ListStoresRequest",
                json.getNodeFactory().textNode(request.query().getOrDefault("page_size", "")));
        String token = ProtoRules.continuationToken("ListStoresRequest",
                json.getNodeFactory().textNode(request.query().getOrDefault("continuation_token", "")));
        PageTokens.Position from = tokens.decode(token);
        String name = request.query().getOrDefault("name", "");
        ObjectNode body = json.createObjectNode();
        ArrayNode stores = body.putArray("stores");
        String next = "";
        for (StoreRecord store : registry.liveStores(from == null ? null : from.ulid())) {
            if (!name.isEmpty() && !name.equals(store.name())) {
                continue;
            }
            if (stores.size() == pageSize) {
                next = tokens.encode(store.id(), "");
                break;
            }
            stores.add(storeJson(store));
        }
        body.put("continuation_token", next);
        return ApiResponse.ok(body);
    }

    ApiResponse get(ApiRequest request) {
        ProtoRules.requireStoreId("GetStoreRequest", request.storeId());
        StoreRecord store = registry.store(request.storeId());
        if (store == null) {
            throw ApiError.notFound("store_id_not_found", "Store ID not found");
        }
        return ApiResponse.ok(storeJson(store));
    }

    ApiResponse delete(ApiRequest request) {
        ProtoRules.requireStoreId("DeleteStoreRequest", request.storeId());
        registry.delete(request.storeId());
        return new ApiResponse(204, null, Map.of());
    }

    private ObjectNode storeJson(StoreRecord store) {
        ObjectNode node = json.createObjectNode();
        node.put("id", store.id()).put("name", store.name())
                .put("created_at", store.createdAt().toString()).put("updated_at", store.updatedAt().toString())
                .putNull("deleted_at");
        return node;
    }
}
