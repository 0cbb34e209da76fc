package dev.ferry.importer.upgrade.schema;

import java.util.List;
import java.util.Optional;

/**
 * A swift table as the upgrade writes it: the columns it writes (others keep their defaults), the primary key it
 * upserts by, and the unique keys its de-duplication relies on.
 */
public record TableSpec(String name, List<ColumnSpec> columns, List<String> primaryKey, List<List<String>> uniqueKeys) {
    public TableSpec {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
        for (String k : primaryKey) {
            if (columns.stream().noneMatch(c -> c.name().equals(k))) {
                throw new IllegalArgumentException(name + ": primary key column " + k + " is not written");
            }
        }
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::name).toList();
    }

    public Optional<ColumnSpec> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
