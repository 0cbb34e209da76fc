package dev.ferry.importer.upgrade.rows;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One kea row, column name → value as JDBC returns it ({@code String}, {@code Boolean}, {@code Long},
 * {@code OffsetDateTime}, a {@code List<String>} for {@code varchar[]}, and a jsonb value as its JSON text or a tree).
 * SQL NULL is a null value; a column that was not selected is absent, and asking for it is a programming error.
 */
public record Row(Map<String, Object> values) {
    public Row {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** {@code Row.of("id", "a", "name", null)}. */
    public static Row of(Object... columnsAndValues) {
        if (columnsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("columns and values come in pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            m.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return new Row(m);
    }

    public Object get(String column) {
        if (!values.containsKey(column)) {
            throw new IllegalArgumentException("the kea row has no column '" + column + "': the read must select " + column);
        }
        return values.get(column);
    }

    /** The value as text, or null. */
    public String text(String column) {
        Object v = get(column);
        return v == null ? null : v.toString();
    }
}
