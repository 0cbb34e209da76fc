package dev.ferry.importer.upgrade.teams;

import dev.ferry.importer.upgrade.rows.Row;
import java.util.List;

/**
 * A kea {@code teammetadata} row: only customised teams have one (docs/reference/fred-stores.md §1.1). The table is small (one row
 * per customised team), so phase 2 reads it whole before planning the teams.
 *
 * @param createdAt as read (an {@code OffsetDateTime} from JDBC), carried into swift's row
 */
public record KeaTeamRow(String id, String description, boolean isPrivate, String bannerKey, Object createdAt, Object updatedAt) {

    public static final List<String> SOURCE_COLUMNS = List.of("id", "description", "is_private", "banner_object_storage_key", "created_at", "updated_at");

    public static KeaTeamRow of(Row row) {
        Object p = row.get("is_private");
        return new KeaTeamRow(row.text("id"), row.text("description"), Boolean.TRUE.equals(p) || "true".equals(String.valueOf(p)),
                row.text("banner_object_storage_key"), row.get("created_at"), row.get("updated_at"));
    }
}
