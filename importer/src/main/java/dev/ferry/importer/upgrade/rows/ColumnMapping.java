package dev.ferry.importer.upgrade.rows;

/** One swift column and where its value comes from. */
public record ColumnMapping(String target, ColumnSource source) {
}
