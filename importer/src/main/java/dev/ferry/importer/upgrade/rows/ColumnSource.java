package dev.ferry.importer.upgrade.rows;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Where a swift column's value comes from: a kea column, a fixed value, or a rule over kea columns. */
public sealed interface ColumnSource {

    /** The kea columns it reads, for the SELECT list. */
    List<String> reads();

    Object value(Row row);

    /** The kea column, verbatim. */
    record Copy(String column) implements ColumnSource {
        @Override
        public List<String> reads() {
            return List.of(column);
        }

        @Override
        public Object value(Row row) {
            return row.get(column);
        }
    }

    /** The same value for every row. */
    record Fixed(Object value) implements ColumnSource {
        @Override
        public List<String> reads() {
            return List.of();
        }

        @Override
        public Object value(Row row) {
            return value;
        }
    }

    /** A rule over kea columns; {@code rule} says it in words for the plan. */
    record Derived(List<String> reads, String rule, Function<Row, Object> function) implements ColumnSource {
        public Derived {
            reads = List.copyOf(reads);
            Objects.requireNonNull(rule, "rule");
        }

        @Override
        public Object value(Row row) {
            return function.apply(row);
        }
    }

    static ColumnSource copy(String column) {
        return new Copy(column);
    }

    static ColumnSource fixed(Object value) {
        return new Fixed(value);
    }

    static ColumnSource derived(String rule, Function<Row, Object> function, String... reads) {
        return new Derived(List.of(reads), rule, function);
    }
}
