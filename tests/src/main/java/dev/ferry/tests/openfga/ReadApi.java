package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Read: tuples in insertion order, filtered by an optional tuple_key, paged with an opaque token. */
final class ReadApi {
    private static final String REQUEST = "ReadRequest";
    private static final String KEY = "ReadRequestTupleKey";
    private static final String USER_FILTER = "^[^\\s]+:[^\\s]+$";

    private final StoreRegistry registry;
    private final ObjectMapper json;
    private final PageTokens tokens;

    ReadApi(StoreRegistry registry, ObjectMapper json, PageTokens tokens) {
        this.registry = registry;
        this.json = json;
        this.tokens = tokens;
    }

    ApiResponse read(ApiRequest request) {
        ProtoRules.requireStoreId(REQUEST, request.storeId());
        JsonNode keyNode = request.field("tuple_key");
        Filter filter = keyNode.isObject() ? filter(keyNode) : null;
        int pageSize = ProtoRules.pageSize(REQUEST, request.field("page_size"));
        String token = ProtoRules.continuationToken(REQUEST, request.field("continuation_token"));
        if (filter != null && (filter.objectType().isEmpty() || (filter.objectId().isEmpty() && filter.user().isEmpty()))) {
            throw ApiError.validation("the 'tuple_key' field was provided but the object type field is required"
                    + " and both the object id and user cannot be empty");
        }
        PageTokens.Position from = tokens.decode(token);

        ObjectNode body = json.createObjectNode();
        ArrayNode tuples = body.putArray("tuples");
        String next = "";
        for (StoredTuple tuple : registry.data(request.storeId()).tuplesFrom(from == null ? null : from.ulid())) {
            if (filter != null && !filter.matches(tuple.key())) {
                continue;
            }
            if (tuples.size() == pageSize) {
                next = tokens.encode(tuple.ulid(), "");
                break;
            }
            ObjectNode t = tuples.addObject();
            t.set("key", tuple.key().toJson(json));
            t.put("timestamp", tuple.timestamp().toString());
        }
        body.put("continuation_token", next);
        return ApiResponse.ok(body);
    }

    private static Filter filter(JsonNode key) {
        String user = ProtoRules.text(key.path("user"));
        String relation = ProtoRules.text(key.path("relation"));
        String object = ProtoRules.text(key.path("object"));
        ProtoRules.requireMaxBytes(KEY, "User", user, 512);
        ProtoRules.requirePattern(KEY, "User", user, USER_FILTER, true);
        ProtoRules.requirePattern(KEY, "Relation", relation, ProtoRules.RELATION, true);
        ProtoRules.requirePattern(KEY, "Object", object, ProtoRules.OBJECT, true);
        int colon = object.indexOf(':');
        String type = colon < 0 ? "" : object.substring(0, colon);
        String id = colon < 0 ? object : object.substring(colon + 1);
        return new Filter(type, id, relation, user);
    }

    private record Filter(String objectType, String objectId, String relation, String user) {
        boolean matches(TupleKey key) {
            if (objectId.isEmpty() ? !key.objectType().equals(objectType) : !key.object().equals(objectType + ":" + objectId)) {
                return false;
            }
            return (relation.isEmpty() || relation.equals(key.relation())) && (user.isEmpty() || user.equals(key.user()));
        }
    }
}
