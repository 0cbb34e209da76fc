package dev.ferry.stores.postgres;

/** A column as the catalog describes it; {@code type} is format_type(), e.g. "character varying[]". */
public record ColumnInfo(String name, String type, boolean nullable) {
}
