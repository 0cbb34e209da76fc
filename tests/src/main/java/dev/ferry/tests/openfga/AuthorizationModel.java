package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A written authorization model: its protojson form (what GET returns) and the typed view that tuple
 * validation and Check need.
 */
record AuthorizationModel(String id, ObjectNode json, Map<String, Map<String, Relation>> types,
        Map<String, Set<String>> conditionParameters) {

    /** A relation: its rewrite (a protojson Userset) and its directly related user types. */
    record Relation(JsonNode rewrite, List<TypeRestriction> directTypes) {
    }

    /** One directly related user type: {@code type}, {@code type:*} or {@code type#relation}. */
    record TypeRestriction(String type, String relation, boolean wildcard, String condition) {
    }
}
