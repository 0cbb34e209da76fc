package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Check over the stored and contextual tuples: direct tuples, typed wildcards, usersets, and the
 * computed/tuple-to-userset/union/intersection/difference rewrites. Conditions are not evaluated (no
 * CEL here): a conditioned tuple never grants access.
 */
final class CheckApi {
    private static final String REQUEST = "CheckRequest";
    private static final String KEY = "CheckRequestTupleKey";
    private static final int MAX_CONTEXTUAL = 100;
    private static final int MAX_DEPTH = 25;

    private final StoreRegistry registry;
    private final ObjectMapper json;

    CheckApi(StoreRegistry registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    ApiResponse check(ApiRequest request) {
        ProtoRules.requireStoreId(REQUEST, request.storeId());
        JsonNode keyNode = request.field("tuple_key");
        if (!keyNode.isObject()) {
            throw ApiError.validation("invalid " + REQUEST + ".TupleKey: value is required");
        }
        TupleKey key = TupleKey.parse(keyNode, false, json);
        ProtoRules.requirePattern(KEY, "User", key.user(), "^[^\\s]{2,512}$", false);
        ProtoRules.requirePattern(KEY, "Relation", key.relation(), ProtoRules.RELATION, false);
        ProtoRules.requirePattern(KEY, "Object", key.object(), ProtoRules.OBJECT, false);
        JsonNode contextualNodes = request.field("contextual_tuples").path("tuple_keys");
        if (contextualNodes.size() > MAX_CONTEXTUAL) {
            throw ApiError.validation("invalid ContextualTupleKeys.TupleKeys: value must contain no more than "
                    + MAX_CONTEXTUAL + " item(s)");
        }
        String modelId = ProtoRules.text(request.field("authorization_model_id"));
        ProtoRules.requirePattern(REQUEST, "AuthorizationModelId", modelId, ProtoRules.ULID, true);

        AuthorizationModel model = registry.resolveModel(request.storeId(), modelId);
        Map<String, AuthorizationModel.Relation> relations = model.types().get(key.objectType());
        if (relations == null) {
            throw ApiError.validation("type '" + key.objectType() + "' not found");
        }
        if (!relations.containsKey(key.relation())) {
            throw ApiError.validation("relation '" + key.objectType() + "#" + key.relation() + "' not found");
        }
        List<TupleKey> tuples = new ArrayList<>();
        for (JsonNode node : contextualNodes) {
            TupleKey contextual = TupleKey.parse(node, true, json);
            TupleValidator.validateWrite(model, contextual);
            tuples.add(contextual);
        }
        registry.data(request.storeId()).tuplesFrom(null).forEach(t -> tuples.add(t.key()));
        boolean allowed = new Evaluation(model, tuples).check(key.object(), key.relation(), key.user(), 0);
        return new ApiResponse(200, json.createObjectNode().put("allowed", allowed).put("resolution", ""),
                Map.of("Openfga-Authorization-Model-Id", model.id()));
    }

    private record Evaluation(AuthorizationModel model, List<TupleKey> tuples) {
        boolean check(String object, String relation, String user, int depth) {
            Map<String, AuthorizationModel.Relation> relations = model.types().get(typeOf(object));
            if (depth > MAX_DEPTH || relations == null || !relations.containsKey(relation)) {
                return false;
            }
            return rewrite(relations.get(relation).rewrite(), object, relation, user, depth);
        }

        private boolean rewrite(JsonNode userset, String object, String relation, String user, int depth) {
            if (userset.has("this")) {
                return direct(object, relation, user, depth);
            }
            if (userset.has("computedUserset")) {
                return check(object, userset.get("computedUserset").get("relation").asText(), user, depth + 1);
            }
            if (userset.has("tupleToUserset")) {
                JsonNode ttu = userset.get("tupleToUserset");
                String computed = ttu.get("computedUserset").get("relation").asText();
                return related(object, ttu.get("tupleset").get("relation").asText()).stream()
                        .filter(parent -> !parent.contains("#"))
                        .anyMatch(parent -> check(parent, computed, user, depth + 1));
            }
            if (userset.has("union")) {
                for (JsonNode child : userset.get("union").get("child")) {
                    if (rewrite(child, object, relation, user, depth)) {
                        return true;
                    }
                }
                return false;
            }
            if (userset.has("intersection")) {
                for (JsonNode child : userset.get("intersection").get("child")) {
                    if (!rewrite(child, object, relation, user, depth)) {
                        return false;
                    }
                }
                return true;
            }
            if (userset.has("difference")) {
                JsonNode d = userset.get("difference");
                return rewrite(d.get("base"), object, relation, user, depth)
                        && !rewrite(d.get("subtract"), object, relation, user, depth);
            }
            return false;
        }

        private boolean direct(String object, String relation, String user, int depth) {
            boolean plainUser = !user.contains("#");
            for (String subject : related(object, relation)) {
                if (subject.equals(user)) {
                    return true;
                }
                if (plainUser && subject.endsWith(":*") && typeOf(subject).equals(typeOf(user))) {
                    return true;
                }
                int hash = subject.indexOf('#');
                if (hash > 0 && check(subject.substring(0, hash), subject.substring(hash + 1), user, depth + 1)) {
                    return true;
                }
            }
            return false;
        }

        /** Users of unconditioned tuples object#relation. */
        private List<String> related(String object, String relation) {
            return tuples.stream()
                    .filter(t -> t.condition() == null && t.object().equals(object) && t.relation().equals(relation))
                    .map(TupleKey::user).toList();
        }

        private static String typeOf(String object) {
            int colon = object.indexOf(':');
            return colon < 0 ? "" : object.substring(0, colon);
        }
    }
}
