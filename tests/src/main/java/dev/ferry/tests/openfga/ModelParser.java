package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a WriteAuthorizationModel body into a model, applying the proto rules, the limits and the
 * type-system checks of the server in its order.
 */
final class ModelParser {
    private static final String REQUEST = "WriteAuthorizationModelRequest";
    private static final int MAX_TYPES = 100;
    private static final int MAX_MODEL_BYTES = 262_144;
    private static final int MAX_CONDITIONS = 25;
    private static final int MAX_EXPRESSION_BYTES = 512;

    private final ProtoJsonModel canonical;

    ModelParser(ObjectMapper json) {
        this.canonical = new ProtoJsonModel(json);
    }

    AuthorizationModel parse(String id, JsonNode body) {
        JsonNode typeDefs = ProtoJsonModel.nonNull(body.path("type_definitions"));
        if (!typeDefs.isArray() || typeDefs.isEmpty()) {
            throw ApiError.badRequest("type_definitions_too_few_items",
                    "invalid " + REQUEST + ".TypeDefinitions: value must contain at least 1 item(s)");
        }
        for (JsonNode td : typeDefs) {
            String type = ProtoRules.text(td.path("type"));
            if (!ProtoRules.matches(ProtoRules.TYPE, type)) {
                throw ApiError.badRequest("type_invalid_pattern", "invalid TypeDefinition.Type: value does not match"
                        + " regex pattern " + ProtoRules.goQuote(ProtoRules.TYPE));
            }
        }
        String schemaVersion = ProtoRules.text(body.path("schema_version"));
        if (!Set.of("1.0", "1.1", "1.2").contains(schemaVersion)) {
            throw ApiError.validation("invalid " + REQUEST + ".SchemaVersion: value must be in list [1.0 1.1 1.2]");
        }
        JsonNode conditionsIn = ProtoJsonModel.nonNull(body.path("conditions"));
        if (conditionsIn.size() > MAX_CONDITIONS) {
            throw ApiError.validation("invalid " + REQUEST + ".Conditions: value must contain no more than "
                    + MAX_CONDITIONS + " pair(s)");
        }

        ObjectNode out = canonical.model(id, schemaVersion, typeDefs, conditionsIn);
        out.get("conditions").forEach(ModelParser::requireConditionLimits);

        if (typeDefs.size() > MAX_TYPES) {
            throw ApiError.badRequest("exceeded_entity_limit", "The number of type definitions in an authorization"
                    + " model exceeds the allowed limit of " + MAX_TYPES);
        }
        int size = ProtoSize.of(out);
        if (size > MAX_MODEL_BYTES) {
            throw ApiError.badRequest("exceeded_entity_limit",
                    "model exceeds size limit: " + size + " bytes vs " + MAX_MODEL_BYTES + " bytes");
        }
        return typeSystem(id, out);
    }

    private static void requireConditionLimits(JsonNode condition) {
        if (condition.get("parameters").size() > MAX_CONDITIONS) {
            throw ApiError.validation("invalid Condition.Parameters: value must contain no more than " + MAX_CONDITIONS
                    + " pair(s)");
        }
        ProtoRules.requireMaxBytes("Condition", "Expression", condition.get("expression").asText(), MAX_EXPRESSION_BYTES);
    }

    /** The server's typesystem validation; every failure is invalid_authorization_model. */
    private AuthorizationModel typeSystem(String id, ObjectNode model) {
        if (!Set.of("1.1", "1.2").contains(model.get("schema_version").asText())) {
            throw ApiError.invalidModel("invalid schema version");
        }
        Map<String, Map<String, AuthorizationModel.Relation>> types = new LinkedHashMap<>();
        for (JsonNode td : model.get("type_definitions")) {
            Map<String, AuthorizationModel.Relation> relations = new LinkedHashMap<>();
            if (types.put(td.get("type").asText(), relations) != null) {
                throw ApiError.invalidModel("an authorization model cannot contain duplicate types");
            }
            td.get("relations").properties().forEach(e -> {
                List<AuthorizationModel.TypeRestriction> direct = new ArrayList<>();
                td.path("metadata").path("relations").path(e.getKey()).path("directly_related_user_types")
                        .forEach(r -> direct.add(new AuthorizationModel.TypeRestriction(r.get("type").asText(),
                                r.path("relation").asText(""), r.has("wildcard"), r.get("condition").asText())));
                relations.put(e.getKey(), new AuthorizationModel.Relation(e.getValue(), List.copyOf(direct)));
            });
        }
        Map<String, Set<String>> conditionParameters = new LinkedHashMap<>();
        model.get("conditions").properties().forEach(e -> {
            String name = e.getValue().get("name").asText();
            if (!e.getKey().equals(name)) {
                throw ApiError.invalidModel("condition key '" + e.getKey() + "' does not match condition name '"
                        + name + "'");
            }
            Set<String> parameters = new LinkedHashSet<>();
            e.getValue().get("parameters").fieldNames().forEachRemaining(parameters::add);
            conditionParameters.put(name, parameters);
        });
        types.forEach((type, relations) -> relations.forEach((name, relation) ->
                checkRelation(types, conditionParameters.keySet(), type, name, relation)));
        return new AuthorizationModel(id, model, types, conditionParameters);
    }

    private static void checkRelation(Map<String, Map<String, AuthorizationModel.Relation>> types,
            Set<String> conditions, String type, String name, AuthorizationModel.Relation relation) {
        boolean assignable = containsThis(relation.rewrite());
        if (assignable && relation.directTypes().isEmpty()) {
            throw ApiError.invalidModel("the assignable relation '" + name + "' in object type '" + type
                    + "' must contain at least one relation type");
        }
        if (!assignable && !relation.directTypes().isEmpty()) {
            throw ApiError.invalidModel("the non-assignable relation '" + name + "' in object type '" + type
                    + "' should not contain a relation type");
        }
        for (AuthorizationModel.TypeRestriction r : relation.directTypes()) {
            Map<String, AuthorizationModel.Relation> target = types.get(r.type());
            if (target == null || (!r.relation().isEmpty() && !target.containsKey(r.relation()))) {
                String ref = r.relation().isEmpty() ? r.type() : r.type() + "#" + r.relation();
                throw ApiError.invalidModel("the relation type '" + ref + "' on '" + name + "' in object type '"
                        + type + "' is not valid");
            }
            if (!r.condition().isEmpty() && !conditions.contains(r.condition())) {
                throw ApiError.invalidModel("condition " + r.condition() + " is undefined for relation " + name);
            }
        }
        checkRewrite(types, type, name, relation.rewrite());
    }

    private static void checkRewrite(Map<String, Map<String, AuthorizationModel.Relation>> types, String type,
            String name, JsonNode userset) {
        if (userset.has("computedUserset")) {
            String target = userset.get("computedUserset").get("relation").asText();
            if (!types.get(type).containsKey(target)) {
                throw ApiError.invalidModel("the relation '" + target + "' does not exist on object type '" + type
                        + "'");
            }
        } else if (userset.has("tupleToUserset")) {
            String tupleset = userset.get("tupleToUserset").get("tupleset").get("relation").asText();
            if (!types.get(type).containsKey(tupleset)) {
                throw ApiError.invalidModel("the relation '" + tupleset + "' does not exist on object type '"
                        + type + "'");
            }
        } else if (userset.has("union") || userset.has("intersection")) {
            JsonNode children = userset.has("union") ? userset.get("union") : userset.get("intersection");
            children.get("child").forEach(c -> checkRewrite(types, type, name, c));
        } else if (userset.has("difference")) {
            checkRewrite(types, type, name, userset.get("difference").get("base"));
            checkRewrite(types, type, name, userset.get("difference").get("subtract"));
        } else if (!userset.has("this")) {
            throw ApiError.invalidModel("the definition of relation '" + name + "' in object type '" + type
                    + "' is invalid");
        }
    }

    static boolean containsThis(JsonNode userset) {
        if (userset.has("this")) {
            return true;
        }
        for (String set : List.of("union", "intersection")) {
            if (userset.has(set)) {
                for (JsonNode child : userset.get(set).get("child")) {
                    if (containsThis(child)) {
                        return true;
                    }
                }
            }
        }
        return userset.has("difference") && (containsThis(userset.get("difference").get("base"))
                || containsThis(userset.get("difference").get("subtract")));
    }
}
