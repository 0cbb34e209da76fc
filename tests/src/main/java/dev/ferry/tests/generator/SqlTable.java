package dev.ferry.tests.generator;

import java.util.List;

/**
 * The generated rows of one kea table. Values are String (also for jsonb text, uuid and bytea hex), Boolean,
 * Integer, Double, {@code java.time.OffsetDateTime}, {@code List<String>} (varchar[]) or null, so datasets compare
 * by value.
 */
public record SqlTable(String name, List<SqlColumn> columns, List<List<Object>> rows) {

    /** The SQL name, quoted where kea's is not a plain identifier ({@code "mcp-server"}). */
    public String quotedName() {
        return name.matches("[a-z_][a-z0-9_]*") ? name : '"' + name + '"';
    }

    public int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("table " + name + " has no column " + column);
    }

    /** The values of one column, in row order. */
    public List<Object> column(String column) {
        int index = columnIndex(column);
        return rows.stream().map(row -> row.get(index)).toList();
    }
}
