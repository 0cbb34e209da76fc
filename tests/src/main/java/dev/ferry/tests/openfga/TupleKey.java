package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A relationship tuple key. {@code condition} is null when unconditioned; its context is always an
 * object (the server stores {} when none was sent).
 */
record TupleKey(String user, String relation, String object, Condition condition) {

    record Condition(String name, ObjectNode context) {
    }

    /** Identity of a tuple in the store: the condition is not part of it. */
    String id() {
        return object + "#" + relation + "@" + user;
    }

    String objectType() {
        int colon = object.indexOf(':');
        return colon < 0 ? "" : object.substring(0, colon);
    }

    TupleKey withoutCondition() {
        return new TupleKey(user, relation, object, null);
    }

    static TupleKey parse(JsonNode node, boolean withCondition, ObjectMapper json) {
        Condition condition = null;
        JsonNode c = node.path("condition");
        if (withCondition && c.isObject()) {
            JsonNode context = c.path("context");
            condition = new Condition(ProtoRules.text(c.path("name")),
                    context.isObject() ? ((ObjectNode) context).deepCopy() : json.createObjectNode());
        }
        return new TupleKey(ProtoRules.text(node.path("user")), ProtoRules.text(node.path("relation")),
                ProtoRules.text(node.path("object")), condition);
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        out.put("user", user).put("relation", relation).put("object", object);
        if (condition == null) {
            out.set("condition", NullNode.getInstance());
        } else {
            out.putObject("condition").put("name", condition.name()).set("context", condition.context().deepCopy());
        }
        return out;
    }
}
