package dev.ferry.tests.generator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks a tuple against the directly-related user types of kea's model JSON, the way OpenFGA validates a write:
 * the object type must define the relation, and the user's type (or {@code type:*} wildcard) must be allowed on it.
 */
final class ModelConformance {
    private final Set<String> types = new HashSet<>();
    private final Map<String, Set<String>> allowed = new HashMap<>();

    ModelConformance(JsonNode model) {
        for (JsonNode type : model.path("type_definitions")) {
            String name = type.path("type").asText();
            types.add(name);
            type.path("metadata").path("relations").fields().forEachRemaining(relation -> {
                Set<String> users = new HashSet<>();
                for (JsonNode ref : relation.getValue().path("directly_related_user_types")) {
                    users.add(ref.path("type").asText() + (ref.has("wildcard") ? ":*" : "")
                            + (ref.has("relation") ? "#" + ref.path("relation").asText() : ""));
                }
                allowed.put(name + "#" + relation.getKey(), users);
            });
        }
    }

    /** Null when the tuple is valid, else why not. */
    String problem(FgaTuple tuple) {
        if (!types.contains(tuple.objectType())) {
            return "object type " + tuple.objectType() + " is not in the model";
        }
        Set<String> users = allowed.get(tuple.objectType() + "#" + tuple.relation());
        if (users == null) {
            return "relation " + tuple.relation() + " is not directly assignable on " + tuple.objectType();
        }
        String userRef = tuple.user().endsWith(":*") ? tuple.user() : tuple.userType();
        return users.contains(userRef) ? null : userRef + " may not be " + tuple.relation() + " of " + tuple.objectType();
    }
}
