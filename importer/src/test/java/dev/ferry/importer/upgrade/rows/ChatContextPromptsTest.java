package dev.ferry.importer.upgrade.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.importer.upgrade.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatContextPromptsTest {
    static final String B = "b7e41c09-2d5a-4f88-a3c6-0e9d1f2b7a65";
    static final String R = "c4e8a2f6-1b3d-4a5c-9e7f-2d4b6a8c0e13";
    static final String CONTENT = "version: v1\nkind: chat-context\nname: Formal French\n---\nAlways answer in formal French.";

    static Row resource(String id, String name, String type, String author, ObjectNode doc) {
        return Row.of("resource_id", id, "resource_name", name, "resource_type", type, "author", author, "doc", doc == null ? null : Json.text(doc),
                "created_at", "2026-06-10T09:00:00+00:00", "updated_at", "2026-06-11T09:00:00+00:00");
    }

    static ObjectNode doc(String content) {
        ObjectNode d = Json.mapper().createObjectNode().put("kind", "chat-context").put("name", "Formal French");
        d.putArray("labels").add("style").add("fr");
        if (content != null) {
            d.put("content", content);
        }
        return d;
    }

    static TargetRow written(RowOutcome o) {
        return assertInstanceOf(RowOutcome.Write.class, o).row();
    }

    @Test
    void aChatContextBecomesAPromptInItsAuthorsPersonalTeam() {
        TargetRow p = written(new ChatContextPrompts().map(resource(R, "Formal French", "chat-context", B, doc(CONTENT))));
        assertEquals(R, p.get("prompt_id"));
        assertEquals("personal-" + B, p.get("team_id"));
        assertEquals("Formal French", p.get("name"));
        assertEquals("Always answer in formal French.", p.get("text"));
        assertEquals(Json.tree("[\"style\",\"fr\"]"), Json.tree(p.get("tags")));
        assertEquals("other", p.get("category"));
        assertEquals(1, p.get("version"));
        assertEquals(B, p.get("created_by"));
        assertNull(p.get("description"));
        assertEquals("2026-06-10T09:00:00+00:00", p.get("created_at"));
        assertEquals("2026-06-11T09:00:00+00:00", p.get("updated_at"));
    }

    @Test
    void promptAndTemplateResourcesAreNotConverted() {
        for (String type : new String[] {"prompt", "template"}) {
            RowOutcome.Skip s = assertInstanceOf(RowOutcome.Skip.class, new ChatContextPrompts().map(resource(R, "n", type, B, doc(CONTENT))), type);
            assertTrue(s.reason().startsWith("not a chat context"), s.reason());
        }
    }

    @Test
    void aChatContextWhoseAuthorIsNotASubIsSkipped() {
        for (String author : new String[] {"bob", null}) {
            assertInstanceOf(RowOutcome.Skip.class, new ChatContextPrompts().map(resource(R, "n", "chat-context", author, doc(CONTENT))), author);
        }
    }

    @Test
    void theTextIsTheBodyAfterTheFirstHeaderLine() {
        String twoSeparators = "name: x\n---\nfirst\n---\nsecond";
        assertEquals("first\n---\nsecond", written(new ChatContextPrompts().map(resource(R, "n", "chat-context", B, doc(twoSeparators)))).get("text"));
        assertEquals("no header", written(new ChatContextPrompts().map(resource(R, "n", "chat-context", B, doc("no header")))).get("text"));
        assertEquals("", written(new ChatContextPrompts().map(resource(R, "n", "chat-context", B, doc(null)))).get("text"));
    }

    @Test
    void theNameFallsBackToTheDocNameThenTheIdAndIsAtMost255Characters() {
        assertEquals("Formal French", written(new ChatContextPrompts().map(resource(R, null, "chat-context", B, doc(CONTENT)))).get("name"));
        assertEquals(R, written(new ChatContextPrompts().map(resource(R, " ", "chat-context", B, null))).get("name"));
        assertEquals("n".repeat(255), written(new ChatContextPrompts().map(resource(R, "n".repeat(400), "chat-context", B, doc(CONTENT)))).get("name"));
    }

    @Test
    void theDescriptionIsTheDocsAtMost500Characters() {
        ObjectNode d = doc(CONTENT).put("description", "d".repeat(700));
        assertEquals("d".repeat(500), written(new ChatContextPrompts().map(resource(R, "n", "chat-context", B, d))).get("description"));
    }

    @Test
    void withoutLabelsTheTagsAreAnEmptyList() {
        ObjectNode d = doc(CONTENT);
        d.remove("labels");
        assertEquals("[]", written(new ChatContextPrompts().map(resource(R, "n", "chat-context", B, d))).get("tags"));
    }

    @Test
    void aNameClashInOneTeamGetsTheIdPrefixAndOtherTeamsDoNotClash() {
        ChatContextPrompts prompts = new ChatContextPrompts();
        String other = "5d7a1c3e-8f20-4b6d-a9e4-1c3b5d7f9e02";
        String a = "0e4b8d27-91c3-4f5a-b6d8-3a2f1e7c9d40";
        assertEquals("Formal", written(prompts.map(resource(R, "Formal", "chat-context", B, doc(CONTENT)))).get("name"));
        assertEquals("Formal (5d7a1c3e)", written(prompts.map(resource(other, "Formal", "chat-context", B, doc(CONTENT)))).get("name"));
        assertEquals("Formal", written(prompts.map(resource(a, "Formal", "chat-context", "3f6c2a1e-9b4d-4e7a-8c21-5d0f7a9e1b42", doc(CONTENT)))).get("name"));
    }

    @Test
    void theSourceColumnsIncludeTheTimestampsThatAreCopied() {
        assertEquals(List.of("resource_id", "resource_type", "author", "resource_name", "doc", "created_at", "updated_at"),
                ChatContextPrompts.MAPPER.sourceColumns());
    }
}
