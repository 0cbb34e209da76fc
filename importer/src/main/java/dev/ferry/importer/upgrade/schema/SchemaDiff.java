package dev.ferry.importer.upgrade.schema;

import dev.ferry.importer.upgrade.schema.LiveTable.LiveColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares what the upgrade writes with the live swift database and lists every difference that would make a write
 * fail or land wrong, one sentence each. An empty list means the upgrade may start. Columns the upgrade does not
 * write are fine unless they are NOT NULL without a default (an insert would fail).
 */
public final class SchemaDiff {
    private SchemaDiff() {
    }

    /** @param live the swift database's tables by name; a missing key means the table does not exist */
    public static List<String> differences(List<TableSpec> expected, Map<String, LiveTable> live) {
        List<String> diffs = new ArrayList<>();
        for (TableSpec t : expected) {
            diffs.addAll(differences(t, live.get(t.name())));
        }
        return diffs;
    }

    public static List<String> differences(TableSpec expected, LiveTable live) {
        String t = expected.name();
        if (live == null || live.columns().isEmpty()) {
            return List.of("table " + t + " does not exist in the swift database: run swift's Alembic migrations (or start swift once) first");
        }
        List<String> diffs = new ArrayList<>();
        Map<String, LiveColumn> byName = live.columns().stream().collect(Collectors.toMap(LiveColumn::name, Function.identity()));
        for (ColumnSpec c : expected.columns()) {
            LiveColumn l = byName.get(c.name());
            if (l == null) {
                diffs.add(t + "." + c.name() + ": missing in the swift database (the upgrade writes it as " + c.type() + ")");
            } else if (!l.type().equals(c.type())) {
                diffs.add(t + "." + c.name() + ": " + l.type() + " in the swift database, the upgrade writes " + c.type());
            } else if (!l.nullable() && c.nulls() == Nulls.ALLOWED) {
                diffs.add(t + "." + c.name() + ": NOT NULL in the swift database, but the upgrade may write NULL into it");
            } else if (!l.nullable() && c.nulls() == Nulls.DEFAULT && !l.hasDefault()) {
                diffs.add(t + "." + c.name() + ": NOT NULL without a default in the swift database, but the upgrade leaves it to the default when unknown");
            }
        }
        Set<String> written = new HashSet<>(expected.columnNames());
        for (LiveColumn l : live.columns()) {
            if (!written.contains(l.name()) && !l.nullable() && !l.hasDefault()) {
                diffs.add(t + "." + l.name() + ": NOT NULL without a default in the swift database, and the upgrade does not write it");
            }
        }
        if (!Set.copyOf(live.primaryKey()).equals(Set.copyOf(expected.primaryKey())) || live.primaryKey().size() != expected.primaryKey().size()) {
            diffs.add(t + ": primary key " + live.primaryKey() + " in the swift database, the upgrade upserts by " + expected.primaryKey());
        }
        Set<Set<String>> liveUniques = live.uniqueKeys().stream().map(Set::copyOf).collect(Collectors.toSet());
        for (List<String> u : expected.uniqueKeys()) {
            if (!liveUniques.contains(Set.copyOf(u))) {
                diffs.add(t + ": no unique key on " + u + " in the swift database; the upgrade's names are unique on it");
            }
        }
        return diffs;
    }
}
