package dev.ferry.importer.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes a realm's user profile accept every attribute the bundle's users carry. Keycloak 26 answers 201 to a user
 * whose undeclared attributes it then drops without a word (docs/reference/keycloak.md §7, §6.2), so this runs before any
 * user is imported. It declares the attributes the Source's profile declared, and for the rest sets the unmanaged
 * attribute policy (the Source's when it allowed them, else ADMIN_EDIT: kept, editable by admins, hidden from users).
 */
final class UserProfileAlignment {
    private static final Set<String> ACCEPTING = Set.of("ENABLED", "ADMIN_EDIT");

    /** What must change, or null when the profile already accepts every carried attribute. */
    record Change(ObjectNode newProfile, List<String> declared, String policy) {
    }

    static Change plan(JsonNode targetProfile, JsonNode sourceProfile, Set<String> carried) {
        ObjectNode profile = targetProfile == null ? new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                : ((ObjectNode) targetProfile).deepCopy();
        Set<String> declared = new HashSet<>();
        profile.path("attributes").forEach(a -> declared.add(a.path("name").asText()));
        Set<String> missing = new TreeSet<>(carried);
        missing.removeAll(declared);
        if (missing.isEmpty() || ACCEPTING.contains(profile.path("unmanagedAttributePolicy").asText())) {
            return null;
        }
        Map<String, JsonNode> sourceDecl = new HashMap<>();
        if (sourceProfile != null) {
            sourceProfile.path("attributes").forEach(a -> sourceDecl.put(a.path("name").asText(), a));
        }
        ArrayNode attributes = profile.has("attributes") ? (ArrayNode) profile.get("attributes") : profile.putArray("attributes");
        List<String> added = new java.util.ArrayList<>();
        for (String name : List.copyOf(missing)) {
            JsonNode decl = sourceDecl.get(name);
            if (decl != null) {
                attributes.add(decl.deepCopy());
                added.add(name);
                missing.remove(name);
            }
        }
        String policy = null;
        if (!missing.isEmpty()) {
            String sourcePolicy = sourceProfile == null ? "" : sourceProfile.path("unmanagedAttributePolicy").asText();
            policy = ACCEPTING.contains(sourcePolicy) ? sourcePolicy : "ADMIN_EDIT";
            profile.put("unmanagedAttributePolicy", policy);
        }
        return new Change(profile, added, policy);
    }

    static Set<String> carriedAttributes(Iterable<ObjectNode> users) {
        Set<String> names = new TreeSet<>();
        for (ObjectNode u : users) {
            u.path("attributes").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
