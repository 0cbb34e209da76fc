package dev.ferry.stores.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One tuple as carried in tuples.jsonl: user, relation, object, condition ({name, context} or null), timestamp.
 */
public record TupleRecord(String user, String relation, String object, JsonNode condition, String timestamp) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** From a Read response's tuple ({"key": {...}, "timestamp"}) or a tuples.jsonl line. */
    public static TupleRecord fromJson(JsonNode node) {
        JsonNode key = node.has("key") ? node.get("key") : node;
        JsonNode condition = key.path("condition");
        return new TupleRecord(key.path("user").asText(), key.path("relation").asText(), key.path("object").asText(),
                condition.isMissingNode() || condition.isNull() ? null : condition,
                node.path("timestamp").isMissingNode() || node.path("timestamp").isNull() ? null : node.path("timestamp").asText());
    }

    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("user", user).put("relation", relation).put("object", object);
        o.set("condition", condition == null ? NullNode.getInstance() : condition);
        o.put("timestamp", timestamp);
        return o;
    }

    /** A "user:<x>" subject where x is a username, not a Keycloak UUID or the wildcard (runbook: usernames must go). */
    public boolean isUsernameForm() {
        if (!user.startsWith("user:")) {
            return false;
        }
        String x = user.substring("user:".length());
        return !x.equals("*") && !x.contains("#") && !UUID.matcher(x).matches();
    }

    /** The tuple's key, "<object>#<relation>@<user>": OpenFGA holds at most one tuple per key, whatever its condition. */
    public String key() {
        return object + "#" + relation + "@" + user;
    }

    /** The same tuple with another subject (the condition is kept, the timestamp dropped: the Target sets its own). */
    public TupleRecord withUser(String newUser) {
        return new TupleRecord(newUser, relation, object, condition, null);
    }

    /** The fingerprint line: "<object>#<relation>@<user>" + ("|" + name + "|" + canonical context) when conditioned. */
    public String fingerprintLine() {
        StringBuilder b = new StringBuilder().append(object).append('#').append(relation).append('@').append(user);
        if (condition != null) {
            b.append('|').append(condition.path("name").asText()).append('|');
            JsonNode context = condition.path("context");
            canonical(context.isMissingNode() || context.isNull() ? JSON.createObjectNode() : context, b);
        }
        return b.append('\n').toString();
    }

    /** Canonical JSON: object keys sorted, no whitespace, so equal contexts give equal lines on both sides. */
    static void canonical(JsonNode node, StringBuilder b) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                b.append(first ? "" : ",");
                first = false;
                b.append(JSON.getNodeFactory().textNode(e.getKey()).toString()).append(':');
                canonical(e.getValue(), b);
            }
            b.append('}');
        } else if (node.isArray()) {
            b.append('[');
            for (int i = 0; i < node.size(); i++) {
                b.append(i == 0 ? "" : ",");
                canonical(node.get(i), b);
            }
            b.append(']');
        } else {
            b.append(node.toString());
        }
    }
}
