package dev.ferry.importer.upgrade.schema;

import java.util.List;

/**
 * A table as the live swift database has it; phase 2 reads it from the catalog ({@code pg_attribute},
 * {@code format_type}, {@code pg_attrdef}, {@code pg_constraint}).
 *
 * @param uniqueKeys the column lists of its unique constraints and unique indexes
 */
public record LiveTable(String name, List<LiveColumn> columns, List<String> primaryKey, List<List<String>> uniqueKeys) {
    public LiveTable {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
    }

    /** @param type {@code format_type}'s spelling */
    public record LiveColumn(String name, String type, boolean nullable, boolean hasDefault) {
    }
}
