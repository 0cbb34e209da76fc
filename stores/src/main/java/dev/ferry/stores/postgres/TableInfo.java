package dev.ferry.stores.postgres;

import java.util.List;

/** A table of the current schema: its columns in catalog order and its primary key columns in key order. */
public record TableInfo(String name, List<ColumnInfo> columns, List<String> primaryKey) {
    public TableInfo {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }
}
