package dev.ferry.tests.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Small constructors for {@link SqlTable}s: rows may hold nulls, which {@code List.of} refuses. */
final class Row {
    private Row() {
    }

    static List<Object> of(Object... values) {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** Alternating column names and {@link SqlType}s. */
    static List<SqlColumn> columns(Object... nameTypePairs) {
        List<SqlColumn> columns = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            columns.add(new SqlColumn((String) nameTypePairs[i], (SqlType) nameTypePairs[i + 1]));
        }
        return List.copyOf(columns);
    }

    static SqlTable table(String name, List<SqlColumn> columns, List<List<Object>> rows) {
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalStateException("table " + name + ": a row has " + row.size() + " values for "
                        + columns.size() + " columns");
            }
        }
        return new SqlTable(name, columns, List.copyOf(rows));
    }
}
