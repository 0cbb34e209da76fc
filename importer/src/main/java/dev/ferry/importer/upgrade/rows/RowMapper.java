package dev.ferry.importer.upgrade.rows;

import dev.ferry.importer.upgrade.schema.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A declarative kea → swift table transform: skip rules, then one source per swift column. Phase 2 drives it with a
 * streaming read, {@code SELECT} {@link #sourceColumns()} {@code FROM} {@link #sourceTable()} {@code ORDER BY}
 * {@link #sourceKey()} (keyset pages, resumable from the last key), and upserts each written row by the target's
 * primary key. It holds no state, so a re-run maps every row the same way.
 *
 * @param sourceTable the kea table (quoted as needed by the reader)
 * @param sourceKey   the kea primary key, the order of the read
 * @param target      the swift table; {@code columns} must name exactly its columns, in its order
 */
public record RowMapper(String sourceTable, List<String> sourceKey, TableSpec target, List<SkipRule> skips, List<ColumnMapping> columns) {

    public RowMapper {
        sourceKey = List.copyOf(sourceKey);
        skips = List.copyOf(skips);
        columns = List.copyOf(columns);
        List<String> mapped = columns.stream().map(ColumnMapping::target).toList();
        if (!mapped.equals(target.columnNames())) {
            throw new IllegalArgumentException(sourceTable + " → " + target.name() + ": the mapping writes " + mapped + ", the spec lists " + target.columnNames());
        }
    }

    /** The kea columns to select: the key, then whatever the skip rules and the column sources read. */
    public List<String> sourceColumns() {
        Set<String> cols = new LinkedHashSet<>(sourceKey);
        skips.forEach(s -> cols.addAll(s.reads()));
        columns.forEach(c -> cols.addAll(c.source().reads()));
        return List.copyOf(cols);
    }

    public RowOutcome map(Row row) {
        for (SkipRule s : skips) {
            if (s.applies().test(row)) {
                return new RowOutcome.Skip(s.reason());
            }
        }
        List<Object> values = new ArrayList<>(columns.size());
        for (ColumnMapping c : columns) {
            values.add(c.source().value(row));
        }
        return new RowOutcome.Write(new TargetRow(target, values));
    }
}
