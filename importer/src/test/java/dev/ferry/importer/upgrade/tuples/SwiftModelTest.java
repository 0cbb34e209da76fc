package dev.ferry.importer.upgrade.tuples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.importer.upgrade.Fixtures;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SwiftModelTest {
    /** Assignable in the model, but swift only ever passes them as contextual tuples: the upgrade must never store them. */
    private static final Set<String> CONTEXTUAL_ONLY = Set.of("organization#team", "organization#personal_team");

    @Test
    void theAssignableTableIsTheFixtureModelsDirectlyRelatedTypes() {
        JsonNode model = Fixtures.json(Fixtures.swift().resolve("swift-model.json"));
        assertEquals("1.1", model.path("schema_version").asText());
        Map<String, Map<String, Set<String>>> fromFixture = new TreeMap<>();
        for (JsonNode type : model.path("type_definitions")) {
            type.path("metadata").path("relations").fields().forEachRemaining(rel -> {
                if (CONTEXTUAL_ONLY.contains(type.path("type").asText() + "#" + rel.getKey())) {
                    return;
                }
                Set<String> subjects = new TreeSet<>();
                rel.getValue().path("directly_related_user_types").forEach(s -> subjects.add(s.path("type").asText() + (s.has("wildcard") ? ":*" : "")));
                fromFixture.computeIfAbsent(type.path("type").asText(), k -> new TreeMap<>()).put(rel.getKey(), subjects);
            });
        }
        Map<String, Map<String, Set<String>>> fromCode = new TreeMap<>();
        SwiftModel.assignable().forEach((type, rels) -> rels.forEach((rel, subjects) ->
                fromCode.computeIfAbsent(type, k -> new TreeMap<>()).put(rel, new TreeSet<>(subjects))));
        assertEquals(fromFixture, fromCode);
    }

    @Test
    void keasTeamRelationsAreNotInSwiftsModel() {
        for (String r : new String[] {"owner", "manager", "member"}) {
            assertFalse(SwiftModel.accepts(FgaTuple.of("user:3f6c2a1e-9b4d-4e7a-8c21-5d0f7a9e1b42", r, "team:t1")), r);
        }
        assertTrue(SwiftModel.accepts(FgaTuple.of("user:3f6c2a1e-9b4d-4e7a-8c21-5d0f7a9e1b42", "team_member", "team:t1")));
    }

    @Test
    void theWildcardIsOnlyAcceptedOnTeamPublic() {
        assertTrue(SwiftModel.accepts(FgaTuple.of("user:*", "public", "team:t1")));
        assertFalse(SwiftModel.accepts(FgaTuple.of("user:*", "team_member", "team:t1")));
        assertFalse(SwiftModel.accepts(FgaTuple.of("user:x", "public", "team:t1")));
    }

    @Test
    void usersetsAndEmptyIdsAreRefused() {
        assertFalse(SwiftModel.accepts(FgaTuple.of("team:t1#team_member", "viewer", "tag:g")));
        assertFalse(SwiftModel.accepts(FgaTuple.of("team:", "viewer", "tag:g")));
        assertFalse(SwiftModel.accepts(FgaTuple.of("team:t1", "viewer", "tag:")));
    }

    @Test
    void aUsernameSubjectIsRecognisedAndASubOrTheWildcardIsNot() {
        assertTrue(FgaTuple.of("user:alice", "owner", "team:t").isUsernameForm());
        assertFalse(FgaTuple.of("user:3F6C2A1E-9B4D-4E7A-8C21-5D0F7A9E1B42", "owner", "team:t").isUsernameForm());
        assertFalse(FgaTuple.of("user:*", "public", "team:t").isUsernameForm());
        assertFalse(FgaTuple.of("team:alice", "owner", "tag:t").isUsernameForm());
    }
}
