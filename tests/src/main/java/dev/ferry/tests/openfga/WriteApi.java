package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Write: deletes then writes in one transaction, with the server's checks in its order (proto rules,
 * model, empty request, tuple validation, duplicates in the request, tuple limit, options, storage).
 */
final class WriteApi {
    private static final String REQUEST = "WriteRequest";
    static final int MAX_TUPLES_PER_WRITE = 100;
    private static final String STORAGE_SUFFIX =
            ": tuple to be written already existed or the tuple to be deleted did not exist";

    private final StoreRegistry registry;
    private final ObjectMapper json;

    WriteApi(StoreRegistry registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    ApiResponse write(ApiRequest request) {
        ProtoRules.requireStoreId(REQUEST, request.storeId());
        JsonNode writesNode = request.field("writes");
        JsonNode deletesNode = request.field("deletes");
        List<TupleKey> writes = tupleKeys(writesNode, "WriteRequestWrites", true);
        List<TupleKey> deletes = tupleKeys(deletesNode, "WriteRequestDeletes", false);
        String modelId = ProtoRules.text(request.field("authorization_model_id"));
        ProtoRules.requirePattern(REQUEST, "AuthorizationModelId", modelId, ProtoRules.ULID, true);

        AuthorizationModel model = registry.resolveModel(request.storeId(), modelId);
        if (writes.isEmpty() && deletes.isEmpty()) {
            throw ApiError.badRequest("invalid_write_input",
                    "Invalid input. Make sure you provide at least one write, or at least one delete");
        }
        writes.forEach(key -> TupleValidator.validateWrite(model, key));
        deletes.forEach(TupleValidator::validateDelete);
        Set<String> seen = new HashSet<>();
        for (TupleKey key : concat(writes, deletes)) {
            if (!seen.add(key.id())) {
                throw ApiError.badRequest("cannot_allow_duplicate_tuples_in_one_request",
                        "duplicate tuple in write: " + describe(key));
            }
        }
        if (writes.size() + deletes.size() > MAX_TUPLES_PER_WRITE) {
            throw ApiError.badRequest("exceeded_entity_limit",
                    "The number of write operations exceeds the allowed limit of " + MAX_TUPLES_PER_WRITE);
        }
        boolean ignoreDuplicates = option(writesNode.path("on_duplicate"), "on_duplicate");
        boolean ignoreMissing = option(deletesNode.path("on_missing"), "on_missing");

        StoreData store = registry.data(request.storeId());
        List<TupleKey> toDelete = new ArrayList<>();
        for (TupleKey key : deletes) {
            if (store.tuple(key.id()) != null) {
                toDelete.add(key);
            } else if (!ignoreMissing) {
                throw ApiError.badRequest("write_failed_due_to_invalid_input",
                        "cannot delete a tuple which does not exist: " + describe(key) + STORAGE_SUFFIX);
            }
        }
        List<TupleKey> toWrite = new ArrayList<>();
        for (TupleKey key : writes) {
            StoredTuple existing = store.tuple(key.id());
            if (existing == null) {
                toWrite.add(key);
            } else if (!ignoreDuplicates) {
                throw ApiError.badRequest("write_failed_due_to_invalid_input",
                        "cannot write a tuple which already exists: " + describe(key) + STORAGE_SUFFIX);
            } else if (!sameCondition(existing.key().condition(), key.condition())) {
                throw ApiError.aborted("transactional write failed due to conflict: attempted to write a tuple"
                        + " which already exists with a different condition: " + describe(key));
            }
        }
        Instant now = registry.now();
        for (TupleKey key : toDelete) {
            store.removeTuple(key.id());
            store.addChange(new Change(key.withoutCondition(), true, registry.newId(now), now));
        }
        for (TupleKey key : toWrite) {
            String ulid = registry.newId(now);
            store.putTuple(new StoredTuple(key, ulid, now));
            store.addChange(new Change(key, false, ulid, now));
        }
        return new ApiResponse(200, json.createObjectNode(), Map.of("Openfga-Authorization-Model-Id", model.id()));
    }

    private List<TupleKey> tupleKeys(JsonNode half, String message, boolean withCondition) {
        if (!half.isObject()) {
            return List.of();
        }
        JsonNode keys = half.path("tuple_keys");
        if (!keys.isArray() || keys.isEmpty()) {
            throw ApiError.validation("invalid " + message + ".TupleKeys: value must contain at least 1 item(s)");
        }
        String keyMessage = withCondition ? "TupleKey" : "TupleKeyWithoutCondition";
        List<TupleKey> list = new ArrayList<>();
        for (JsonNode node : keys) {
            TupleKey key = TupleKey.parse(node, withCondition, json);
            ProtoRules.requireMaxBytes(keyMessage, "User", key.user(), 512);
            ProtoRules.requirePattern(keyMessage, "Relation", key.relation(), ProtoRules.RELATION, true);
            ProtoRules.requirePattern(keyMessage, "Object", key.object(), ProtoRules.OBJECT, true);
            if (key.condition() != null) {
                ProtoRules.requirePattern("RelationshipCondition", "Name", key.condition().name(), "^[^\\s]{2,256}$", false);
            }
            list.add(key);
        }
        return list;
    }

    /** True for "ignore"; absent, "" and "error" mean error. */
    private static boolean option(JsonNode raw, String name) {
        String value = ProtoRules.text(raw);
        return switch (value) {
            case "", "error" -> false;
            case "ignore" -> true;
            default -> throw ApiError.validation("invalid " + name + " option: " + value);
        };
    }

    private static boolean sameCondition(TupleKey.Condition a, TupleKey.Condition b) {
        if (a == null || b == null) {
            return a == b;
        }
        // Struct numbers are doubles on the server: 1 and 1.0 are the same value.
        return a.name().equals(b.name()) && a.context().equals((x, y) -> x.isNumber() && y.isNumber()
                ? Double.compare(x.doubleValue(), y.doubleValue()) : x.equals(y) ? 0 : 1, b.context());
    }

    private static String describe(TupleKey key) {
        return "user: '" + key.user() + "', relation: '" + key.relation() + "', object: '" + key.object() + "'";
    }

    private static List<TupleKey> concat(List<TupleKey> a, List<TupleKey> b) {
        List<TupleKey> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
