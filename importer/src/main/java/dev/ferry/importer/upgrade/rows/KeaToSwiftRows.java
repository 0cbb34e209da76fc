package dev.ferry.importer.upgrade.rows;

import static dev.ferry.importer.upgrade.rows.ColumnSource.copy;
import static dev.ferry.importer.upgrade.rows.ColumnSource.derived;
import static dev.ferry.importer.upgrade.rows.ColumnSource.fixed;

import dev.ferry.importer.upgrade.schema.SwiftSchema;
import java.util.List;
import java.util.Set;

/**
 * The table transforms of docs/reference/fred-stores.md §2.1 that are copies with small changes. Columns not listed are the ones
 * swift does not have ({@code created_at}/{@code updated_at} on metadata, resource and users).
 */
public final class KeaToSwiftRows {
    /** kea library tags: swift has no library tag types, so they would be orphans (#1954 drops them). */
    public static final Set<String> LIBRARY_TAG_TYPES = Set.of("prompt", "template", "chat-context");

    /** {@code tag}: copied, timestamps included (swift keeps them, nullable), without library tags. */
    public static final RowMapper TAG = new RowMapper("tag", List.of("tag_id"), SwiftSchema.TAG,
            List.of(new SkipRule("library tag (type prompt, template or chat-context): swift has no library tags", List.of("type"),
                    r -> LIBRARY_TAG_TYPES.contains(r.text("type")))),
            List.of(
                    new ColumnMapping("tag_id", copy("tag_id")),
                    new ColumnMapping("created_at", copy("created_at")),
                    new ColumnMapping("updated_at", copy("updated_at")),
                    new ColumnMapping("owner_id", copy("owner_id")),
                    new ColumnMapping("name", copy("name")),
                    new ColumnMapping("path", copy("path")),
                    new ColumnMapping("description", copy("description")),
                    new ColumnMapping("type", copy("type")),
                    new ColumnMapping("doc", copy("doc"))));

    /** {@code metadata}: without timestamps; the vector and sql stages start over. */
    public static final RowMapper METADATA = new RowMapper("metadata", List.of("document_uid"), SwiftSchema.METADATA, List.of(),
            List.of(
                    new ColumnMapping("document_uid", copy("document_uid")),
                    new ColumnMapping("source_tag", copy("source_tag")),
                    new ColumnMapping("date_added_to_kb", copy("date_added_to_kb")),
                    new ColumnMapping("tag_ids", copy("tag_ids")),
                    new ColumnMapping("doc", derived("doc with processing.stages vector and sql reset to not_started where present",
                            r -> ProcessingStages.reset(r.get("doc")), "doc"))));

    /** {@code resource}: every kind, without timestamps (chat contexts also become prompts: {@link ChatContextPrompts}). */
    public static final RowMapper RESOURCE = new RowMapper("resource", List.of("resource_id"), SwiftSchema.RESOURCE, List.of(),
            List.of(
                    new ColumnMapping("resource_id", copy("resource_id")),
                    new ColumnMapping("resource_name", copy("resource_name")),
                    new ColumnMapping("resource_type", copy("resource_type")),
                    new ColumnMapping("author", copy("author")),
                    new ColumnMapping("doc", copy("doc"))));

    /** {@code users}: GCU acceptances without timestamps; storage use starts at 0 (swift recounts it). */
    public static final RowMapper USERS = new RowMapper("users", List.of("id"), SwiftSchema.USERS, List.of(),
            List.of(
                    new ColumnMapping("id", copy("id")),
                    new ColumnMapping("gcuVersionAccepted", copy("gcuVersionAccepted")),
                    new ColumnMapping("gcuAcceptedAt", copy("gcuAcceptedAt")),
                    new ColumnMapping("current_resources_storage_size", fixed(0L))));

    private KeaToSwiftRows() {
    }

    /** The stateless mappers, in the order phase 2 runs them. */
    public static List<RowMapper> all() {
        return List.of(USERS, TAG, METADATA, RESOURCE);
    }
}
