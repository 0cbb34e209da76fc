package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a WriteAuthorizationModel body into a model, applying the proto rules, the limits and the
 * type-system checks of the server in its order, and re-emitting it as protojson (unset fields filled).
 */
final class ModelParser {
    private static final String REQUEST = "WriteAuthorizationModelRequest";
    private static final int MAX_TYPES = 100;
    private static final int MAX_MODEL_BYTES = 262_144;
    private static final int MAX_CONDITIONS = 25;

    private final ObjectMapper json;

    ModelParser(ObjectMapper json) {
        this.json = json;
    }

    AuthorizationModel parse(String id, JsonNode body) {
        JsonNode typeDefs = nonNull(body.path("type_definitions"));
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
        JsonNode conditionsIn = nonNull(body.path("conditions"));
        if (conditionsIn.size() > MAX_CONDITIONS) {
            throw ApiError.validation("invalid " + REQUEST + ".Conditions: value must contain no more than "
                    + MAX_CONDITIONS + " pair(s)");
        }

        ObjectNode out = json.createObjectNode();
        out.put("id", id).put("schema_version", schemaVersion);
        ArrayNode tds = out.putArray("type_definitions");
        typeDefs.forEach(td -> tds.add(typeDefinition(td)));
        ObjectNode conditions = out.putObject("conditions");
        sorted(conditionsIn).forEach(e -> conditions.set(e.getKey(), condition(e.getValue())));

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
            td.get("relations").fields().forEachRemaining(e -> {
                List<AuthorizationModel.TypeRestriction> direct = new ArrayList<>();
                td.path("metadata").path("relations").path(e.getKey()).path("directly_related_user_types")
                        .forEach(r -> direct.add(new AuthorizationModel.TypeRestriction(r.get("type").asText(),
                                r.path("relation").asText(""), r.has("wildcard"), r.get("condition").asText())));
                relations.put(e.getKey(), new AuthorizationModel.Relation(e.getValue(), List.copyOf(direct)));
            });
        }
        Map<String, Set<String>> conditionParameters = new LinkedHashMap<>();
        model.get("conditions").fields().forEachRemaining(e -> {
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

    private ObjectNode typeDefinition(JsonNode in) {
        ObjectNode out = json.createObjectNode();
        out.put("type", ProtoRules.text(in.path("type")));
        ObjectNode relations = out.putObject("relations");
        sorted(in.path("relations")).forEach(e -> relations.set(e.getKey(), userset(e.getValue())));
        JsonNode metadata = nonNull(in.path("metadata"));
        if (metadata.isObject()) {
            ObjectNode m = out.putObject("metadata");
            ObjectNode rm = m.putObject("relations");
            sorted(metadata.path("relations")).forEach(e -> rm.set(e.getKey(), relationMetadata(e.getValue())));
            m.put("module", ProtoRules.text(metadata.path("module")));
            m.set("source_info", sourceInfo(metadata.path("source_info")));
        } else {
            out.set("metadata", NullNode.getInstance());
        }
        return out;
    }

    private ObjectNode relationMetadata(JsonNode in) {
        ObjectNode out = json.createObjectNode();
        ArrayNode types = out.putArray("directly_related_user_types");
        nonNull(in.path("directly_related_user_types")).forEach(r -> {
            ObjectNode ref = types.addObject();
            ref.put("type", ProtoRules.text(r.path("type")));
            if (nonNull(r.path("relation")).isTextual()) {
                ref.put("relation", r.get("relation").asText());
            } else if (nonNull(r.path("wildcard")).isObject()) {
                ref.putObject("wildcard");
            }
            ref.put("condition", ProtoRules.text(r.path("condition")));
        });
        out.put("module", ProtoRules.text(in.path("module")));
        out.set("source_info", sourceInfo(in.path("source_info")));
        return out;
    }

    private ObjectNode userset(JsonNode in) {
        ObjectNode out = json.createObjectNode();
        if (nonNull(in.path("this")).isObject()) {
            out.putObject("this");
        } else if (either(in, "computedUserset", "computed_userset").isObject()) {
            out.set("computedUserset", objectRelation(either(in, "computedUserset", "computed_userset")));
        } else if (either(in, "tupleToUserset", "tuple_to_userset").isObject()) {
            JsonNode ttu = either(in, "tupleToUserset", "tuple_to_userset");
            ObjectNode o = out.putObject("tupleToUserset");
            o.set("tupleset", objectRelation(ttu.path("tupleset")));
            o.set("computedUserset", objectRelation(either(ttu, "computedUserset", "computed_userset")));
        } else if (nonNull(in.path("union")).isObject() || nonNull(in.path("intersection")).isObject()) {
            String kind = nonNull(in.path("union")).isObject() ? "union" : "intersection";
            ArrayNode children = out.putObject(kind).putArray("child");
            nonNull(in.get(kind).path("child")).forEach(c -> children.add(userset(c)));
        } else if (nonNull(in.path("difference")).isObject()) {
            ObjectNode d = out.putObject("difference");
            d.set("base", userset(in.get("difference").path("base")));
            d.set("subtract", userset(in.get("difference").path("subtract")));
        }
        return out;
    }

    private ObjectNode objectRelation(JsonNode in) {
        ObjectNode out = json.createObjectNode();
        out.put("object", ProtoRules.text(in.path("object"))).put("relation", ProtoRules.text(in.path("relation")));
        return out;
    }

    private ObjectNode condition(JsonNode in) {
        ObjectNode out = json.createObjectNode();
        out.put("name", ProtoRules.text(in.path("name"))).put("expression", ProtoRules.text(in.path("expression")));
        ObjectNode parameters = out.putObject("parameters");
        sorted(in.path("parameters")).forEach(e -> parameters.set(e.getKey(), typeReference(e.getValue())));
        JsonNode metadata = nonNull(in.path("metadata"));
        if (metadata.isObject()) {
            ObjectNode m = out.putObject("metadata");
            m.put("module", ProtoRules.text(metadata.path("module")));
            m.set("source_info", sourceInfo(metadata.path("source_info")));
        } else {
            out.set("metadata", NullNode.getInstance());
        }
        return out;
    }

    private ObjectNode typeReference(JsonNode in) {
        ObjectNode out = json.createObjectNode();
        out.put("type_name", in.path("type_name").isMissingNode() || in.path("type_name").isNull()
                ? "TYPE_NAME_UNSPECIFIED" : in.get("type_name").asText());
        ArrayNode generics = out.putArray("generic_types");
        nonNull(in.path("generic_types")).forEach(g -> generics.add(typeReference(g)));
        return out;
    }

    private JsonNode sourceInfo(JsonNode in) {
        if (!nonNull(in).isObject()) {
            return NullNode.getInstance();
        }
        return json.createObjectNode().put("file", ProtoRules.text(in.path("file")));
    }

    private static JsonNode either(JsonNode in, String a, String b) {
        JsonNode first = nonNull(in.path(a));
        return first.isMissingNode() ? nonNull(in.path(b)) : first;
    }

    /** protojson writes map entries in key order. */
    private static List<Map.Entry<String, JsonNode>> sorted(JsonNode map) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        nonNull(map).fields().forEachRemaining(entries::add);
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }

    private static JsonNode nonNull(JsonNode node) {
        return node == null || node.isNull() ? MissingNode.getInstance() : node;
    }
}
