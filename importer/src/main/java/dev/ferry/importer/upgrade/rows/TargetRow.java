package dev.ferry.importer.upgrade.rows;

import dev.ferry.importer.upgrade.schema.TableSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One swift row to upsert by primary key: a value per column of its table's spec, in the spec's order. */
public record TargetRow(TableSpec table, List<Object> values) {
    public TargetRow {
        if (values.size() != table.columns().size()) {
            throw new IllegalArgumentException(table.name() + ": " + values.size() + " values for " + table.columns().size() + " columns");
        }
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    public Object get(String column) {
        int i = table.columnNames().indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(table.name() + " has no written column " + column);
        }
        return values.get(i);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            m.put(table.columns().get(i).name(), values.get(i));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The primary key's values, for the journal and the report. */
    public List<Object> key() {
        return table.primaryKey().stream().map(this::get).toList();
    }

    /** A copy with one column's value replaced. */
    public TargetRow with(String column, Object value) {
        List<Object> copy = new ArrayList<>(values);
        int i = table.columnNames().indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(table.name() + " has no written column " + column);
        }
        copy.set(i, value);
        return new TargetRow(table, copy);
    }
}
