package dev.ferry.importer.delta.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reading Keycloak representations (bundle or Admin API) into the sorted shapes the states compare. */
final class Reps {
    private Reps() {
    }

    static SortedMap<String, List<String>> attributes(JsonNode attrs) {
        SortedMap<String, List<String>> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            m.put(e.getKey(), values);
        }
        return m;
    }

    static SortedSet<String> texts(JsonNode array) {
        SortedSet<String> s = new TreeSet<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }

    /** {"clientId": ["role", …]} as the bundle writes client role mappings. */
    static SortedMap<String, SortedSet<String>> clientRoleNames(JsonNode byClient) {
        SortedMap<String, SortedSet<String>> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = byClient.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isEmpty()) {
                m.put(e.getKey(), texts(e.getValue()));
            }
        }
        return m;
    }

    /** The realm role names of an Admin API role-mappings answer. */
    static SortedSet<String> realmMappings(JsonNode mappings) {
        SortedSet<String> s = new TreeSet<>();
        mappings.path("realmMappings").forEach(r -> s.add(r.path("name").asText()));
        return s;
    }

    /** clientId → role names of an Admin API role-mappings answer. */
    static SortedMap<String, SortedSet<String>> clientMappings(JsonNode mappings) {
        SortedMap<String, SortedSet<String>> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = mappings.path("clientMappings").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String client = e.getValue().hasNonNull("client") ? e.getValue().get("client").asText() : e.getKey();
            SortedSet<String> names = new TreeSet<>();
            e.getValue().path("mappings").forEach(r -> names.add(r.path("name").asText()));
            if (!names.isEmpty()) {
                m.put(client, names);
            }
        }
        return m;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
