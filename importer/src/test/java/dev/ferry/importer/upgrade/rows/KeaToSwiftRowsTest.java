package dev.ferry.importer.upgrade.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.importer.upgrade.Json;
import dev.ferry.importer.upgrade.schema.SwiftSchema;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeaToSwiftRowsTest {
    static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-05-20T08:00:00Z");
    static final OffsetDateTime UPDATED = OffsetDateTime.parse("2026-06-01T12:00:00Z");

    static TargetRow written(RowOutcome o) {
        return assertInstanceOf(RowOutcome.Write.class, o).row();
    }

    static Row tag(String type) {
        return Row.of("tag_id", "tg", "created_at", CREATED, "updated_at", UPDATED, "owner_id", "team", "name", "Policies", "path", null,
                "description", "HR", "type", type, "doc", "{\"id\":\"tg\",\"type\":\"" + type + "\"}");
    }

    @Test
    void aDocumentTagIsCopiedWithItsTimestamps() {
        TargetRow r = written(KeaToSwiftRows.TAG.map(tag("document")));
        assertEquals(SwiftSchema.TAG, r.table());
        assertEquals(List.of("tg", CREATED, UPDATED, "team", "Policies", "document"),
                List.of(r.get("tag_id"), r.get("created_at"), r.get("updated_at"), r.get("owner_id"), r.get("name"), r.get("type")));
        assertNull(r.get("path"));
        assertEquals("{\"id\":\"tg\",\"type\":\"document\"}", r.get("doc"));
    }

    @Test
    void libraryTagsAreLeftBehind() {
        for (String type : new String[] {"prompt", "template", "chat-context"}) {
            RowOutcome.Skip s = assertInstanceOf(RowOutcome.Skip.class, KeaToSwiftRows.TAG.map(tag(type)), type);
            assertTrue(s.reason().startsWith("library tag"), s.reason());
        }
    }

    static Row metadata(String stages) {
        return Row.of("document_uid", "9f1b2c3d4e5f40718293a4b5c6d7e8f9", "source_tag", "fred", "date_added_to_kb", CREATED, "tag_ids", List.of("tg"),
                "doc", "{\"identity\":{\"document_name\":\"a.pdf\"},\"processing\":{\"stages\":" + stages + ",\"errors\":{}}}",
                "created_at", CREATED, "updated_at", UPDATED);
    }

    @Test
    void metadataLosesItsTimestamps() {
        TargetRow r = written(KeaToSwiftRows.METADATA.map(metadata("{}")));
        assertEquals(List.of("document_uid", "source_tag", "date_added_to_kb", "tag_ids", "doc"), r.table().columnNames());
        assertEquals(List.of("tg"), r.get("tag_ids"));
        assertEquals(CREATED, r.get("date_added_to_kb"));
    }

    @Test
    void metadataVectorAndSqlStagesStartOver() {
        TargetRow r = written(KeaToSwiftRows.METADATA.map(metadata("{\"raw\":\"done\",\"preview\":\"done\",\"vector\":\"done\",\"sql\":\"failed\",\"mcp\":\"done\"}")));
        assertEquals(Json.tree("{\"raw\":\"done\",\"preview\":\"done\",\"vector\":\"not_started\",\"sql\":\"not_started\",\"mcp\":\"done\"}"),
                Json.tree(r.get("doc")).path("processing").path("stages"));
        assertEquals("a.pdf", Json.tree(r.get("doc")).path("identity").path("document_name").asText(), "the rest of doc is kept");
    }

    @Test
    void anAbsentStageStaysAbsent() {
        TargetRow r = written(KeaToSwiftRows.METADATA.map(metadata("{\"raw\":\"done\",\"vector\":\"in_progress\"}")));
        assertEquals(Json.tree("{\"raw\":\"done\",\"vector\":\"not_started\"}"), Json.tree(r.get("doc")).path("processing").path("stages"));
    }

    @Test
    void aMetadataRowWithoutDocOrStagesIsCopiedAsItIs() {
        Row noDoc = Row.of("document_uid", "u", "source_tag", null, "date_added_to_kb", null, "tag_ids", null, "doc", null);
        assertNull(written(KeaToSwiftRows.METADATA.map(noDoc)).get("doc"));
        Row noStages = Row.of("document_uid", "u", "source_tag", null, "date_added_to_kb", null, "tag_ids", null, "doc", "{\"identity\":{}}");
        assertEquals(Json.tree("{\"identity\":{}}"), Json.tree(written(KeaToSwiftRows.METADATA.map(noStages)).get("doc")));
    }

    @Test
    void resourcesOfEveryKindLoseTheirTimestamps() {
        for (String kind : new String[] {"prompt", "template", "chat-context"}) {
            Row kea = Row.of("resource_id", "r", "resource_name", "n", "resource_type", kind, "author", "a", "doc", "{\"kind\":\"" + kind + "\"}",
                    "created_at", CREATED, "updated_at", UPDATED);
            TargetRow r = written(KeaToSwiftRows.RESOURCE.map(kea));
            assertEquals(List.of("r", "n", kind, "a", "{\"kind\":\"" + kind + "\"}"), r.values());
        }
    }

    @Test
    void usersLoseTheirTimestampsAndStartWithNoStorageUse() {
        Row kea = Row.of("id", "3f6c2a1e-9b4d-4e7a-8c21-5d0f7a9e1b42", "gcuVersionAccepted", "V1", "gcuAcceptedAt", CREATED, "created_at", CREATED,
                "updated_at", UPDATED);
        TargetRow r = written(KeaToSwiftRows.USERS.map(kea));
        assertEquals(List.of("3f6c2a1e-9b4d-4e7a-8c21-5d0f7a9e1b42", "V1", CREATED, 0L), r.values());
        assertEquals(List.of("id", "gcuVersionAccepted", "gcuAcceptedAt", "current_resources_storage_size"), r.table().columnNames());
    }

    @Test
    void eachMapperSaysWhichKeaColumnsToSelectKeyFirst() {
        assertEquals(List.of("tag_id", "type", "created_at", "updated_at", "owner_id", "name", "path", "description", "doc"),
                KeaToSwiftRows.TAG.sourceColumns());
        assertEquals(List.of("document_uid", "source_tag", "date_added_to_kb", "tag_ids", "doc"), KeaToSwiftRows.METADATA.sourceColumns());
        assertEquals(List.of("resource_id", "resource_name", "resource_type", "author", "doc"), KeaToSwiftRows.RESOURCE.sourceColumns());
        assertEquals(List.of("id", "gcuVersionAccepted", "gcuAcceptedAt"), KeaToSwiftRows.USERS.sourceColumns());
    }

    @Test
    void aRowMissingASelectedColumnIsAProgrammingErrorNamingTheColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeaToSwiftRows.USERS.map(Row.of("id", "x")));
        assertTrue(e.getMessage().contains("gcuVersionAccepted"), e.getMessage());
    }

    @Test
    void aMapperMustWriteExactlyItsTablesColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RowMapper("users", List.of("id"), SwiftSchema.USERS, List.of(),
                List.of(new ColumnMapping("id", ColumnSource.copy("id")))));
        assertTrue(e.getMessage().contains("current_resources_storage_size"), e.getMessage());
    }

    @Test
    void everyMapperWritesItsSwiftTableSpec() {
        assertEquals(List.of(SwiftSchema.USERS, SwiftSchema.TAG, SwiftSchema.METADATA, SwiftSchema.RESOURCE),
                KeaToSwiftRows.all().stream().map(RowMapper::target).toList());
        assertEquals(SwiftSchema.PROMPT, ChatContextPrompts.MAPPER.target());
    }
}
