package dev.ferry.importer.upgrade.schema;

import java.util.Objects;

/**
 * A swift column the upgrade writes.
 *
 * @param name  the column name as PostgreSQL stores it (camelCase names need quoting in SQL)
 * @param type  the type as PostgreSQL's {@code format_type} spells it ({@code character varying(180)},
 *              {@code timestamp with time zone}, {@code jsonb}…), which is also the cast phase 2 binds a value with
 * @param nulls whether the upgrade may write NULL into it
 */
public record ColumnSpec(String name, String type, Nulls nulls) {
    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(nulls, "nulls");
    }

    public static ColumnSpec never(String name, String type) {
        return new ColumnSpec(name, type, Nulls.NEVER);
    }

    public static ColumnSpec nullable(String name, String type) {
        return new ColumnSpec(name, type, Nulls.ALLOWED);
    }

    public static ColumnSpec defaulted(String name, String type) {
        return new ColumnSpec(name, type, Nulls.DEFAULT);
    }

    /** Whether the value is JSON text to be bound with a json/jsonb cast. */
    public boolean isJson() {
        return type.equals("jsonb") || type.equals("json");
    }
}
