package dev.ferry.importer.upgrade.rows;

import java.util.List;
import java.util.function.Predicate;

/** Rows a mapper leaves behind, with the reason the report gives. */
public record SkipRule(String reason, List<String> reads, Predicate<Row> applies) {
    public SkipRule {
        reads = List.copyOf(reads);
    }
}
