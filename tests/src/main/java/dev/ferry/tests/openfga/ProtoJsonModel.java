package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Re-emits a posted authorization model the way the server returns it: protojson with unset fields
 * filled ("" / [] / {} / null), the userset oneofs in camelCase (both spellings accepted), map entries
 * in key order, unknown fields dropped.
 */
final class ProtoJsonModel {
    private final ObjectMapper json;

    ProtoJsonModel(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode model(String id, String schemaVersion, JsonNode typeDefinitions, JsonNode conditions) {
        ObjectNode out = json.createObjectNode();
        out.put("id", id).put("schema_version", schemaVersion);
        ArrayNode tds = out.putArray("type_definitions");
        typeDefinitions.forEach(td -> tds.add(typeDefinition(td)));
        ObjectNode conditionsOut = out.putObject("conditions");
        sorted(conditions).forEach(e -> conditionsOut.set(e.getKey(), condition(e.getValue())));
        return out;
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
        entries.addAll(nonNull(map).properties());
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }

    static JsonNode nonNull(JsonNode node) {
        return node == null || node.isNull() ? MissingNode.getInstance() : node;
    }
}
