package dev.ferry.importer.upgrade.schema;

import static dev.ferry.importer.upgrade.schema.ColumnSpec.defaulted;
import static dev.ferry.importer.upgrade.schema.ColumnSpec.never;
import static dev.ferry.importer.upgrade.schema.ColumnSpec.nullable;

import java.util.List;

/**
 * The swift tables and columns the upgrade writes (docs/reference/fred-stores.md §2), as data: phase 2 checks them against the live
 * swift database with {@link SchemaDiff} before writing anything, and binds values with these types. Columns the
 * upgrade leaves alone are not listed: {@code agent_instance.suspension_reason} and {@code prompt_refs_json}, the
 * {@code teammetadata} storage maximum and retention columns, {@code prompt}'s emoji, counters and scores.
 * {@code default_prompt_usage} starts empty and is not written.
 */
public final class SwiftSchema {
    private static final String VARCHAR = "character varying";
    private static final String TIMESTAMPTZ = "timestamp with time zone";

    public static final TableSpec AGENT_INSTANCE = new TableSpec("agent_instance", List.of(
            never("agent_instance_id", VARCHAR),
            never("team_id", VARCHAR),
            never("template_id", VARCHAR),
            never("source_runtime_id", VARCHAR),
            never("source_agent_id", VARCHAR),
            never("display_name", "character varying(255)"),
            nullable("description", "character varying(500)"),
            never("enabled", "boolean"),
            nullable("created_by", VARCHAR),
            nullable("updated_by", VARCHAR),
            never("tuning_json", "text"),
            defaulted("created_at", TIMESTAMPTZ),
            defaulted("updated_at", TIMESTAMPTZ)),
            List.of("agent_instance_id"), List.of());

    public static final TableSpec TEAMMETADATA = new TableSpec("teammetadata", List.of(
            never("id", VARCHAR),
            never("name", "character varying(180)"),
            nullable("description", "character varying(180)"),
            never("joining_mode", "character varying(20)"),
            nullable("banner_object_storage_key", "character varying(300)"),
            never("current_resources_storage_size", "bigint"),
            defaulted("created_at", TIMESTAMPTZ),
            defaulted("updated_at", TIMESTAMPTZ)),
            List.of("id"), List.of(List.of("name")));

    public static final TableSpec TAG = new TableSpec("tag", List.of(
            never("tag_id", VARCHAR),
            never("created_at", TIMESTAMPTZ),
            never("updated_at", TIMESTAMPTZ),
            nullable("owner_id", VARCHAR),
            nullable("name", VARCHAR),
            nullable("path", VARCHAR),
            nullable("description", VARCHAR),
            nullable("type", VARCHAR),
            nullable("doc", "jsonb")),
            List.of("tag_id"), List.of());

    public static final TableSpec METADATA = new TableSpec("metadata", List.of(
            never("document_uid", VARCHAR),
            nullable("source_tag", VARCHAR),
            nullable("date_added_to_kb", TIMESTAMPTZ),
            nullable("tag_ids", "character varying[]"),
            nullable("doc", "jsonb")),
            List.of("document_uid"), List.of());

    public static final TableSpec RESOURCE = new TableSpec("resource", List.of(
            never("resource_id", VARCHAR),
            nullable("resource_name", VARCHAR),
            nullable("resource_type", VARCHAR),
            nullable("author", VARCHAR),
            nullable("doc", "jsonb")),
            List.of("resource_id"), List.of());

    public static final TableSpec USERS = new TableSpec("users", List.of(
            never("id", "uuid"),
            never("gcuVersionAccepted", "gcu_version_type"),
            never("gcuAcceptedAt", TIMESTAMPTZ),
            never("current_resources_storage_size", "bigint")),
            List.of("id"), List.of());

    public static final TableSpec PROMPT = new TableSpec("prompt", List.of(
            never("prompt_id", VARCHAR),
            never("team_id", VARCHAR),
            never("name", "character varying(255)"),
            nullable("description", "character varying(500)"),
            never("category", "character varying(64)"),
            never("tags", "json"),
            never("text", "text"),
            never("created_by", VARCHAR),
            never("version", "integer"),
            defaulted("created_at", TIMESTAMPTZ),
            defaulted("updated_at", TIMESTAMPTZ)),
            List.of("prompt_id"), List.of(List.of("team_id", "name")));

    private SwiftSchema() {
    }

    /** Every table the upgrade writes, in the order phase 2 writes them. */
    public static List<TableSpec> tables() {
        return List.of(TEAMMETADATA, USERS, TAG, METADATA, RESOURCE, PROMPT, AGENT_INSTANCE);
    }
}
