package dev.ferry.importer.postgres;

import dev.ferry.importer.postgres.BundleSchema.Column;
import dev.ferry.importer.postgres.BundleSchema.TableSchema;
import dev.ferry.stores.postgres.PostgresCatalog;
import dev.ferry.stores.postgres.TableInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compares the Target catalog with the bundle's recorded schema (runbook §1.3: Alembic has created the Target schema;
 * it must be the Source's). Every difference is listed precisely: a missing table or column, a type, a nullability,
 * the column order (the fingerprint query reads columns in catalog order), and the Alembic revisions. The Target is
 * read through the same catalog queries the export described the Source with.
 */
final class SchemaCheck {
    private SchemaCheck() {
    }

    static List<String> differences(Connection c, BundleSchema schema) throws SQLException {
        PostgresCatalog catalog = new PostgresCatalog(c);
        List<String> diffs = new ArrayList<>();
        for (TableSchema t : schema.tables()) {
            List<Column> actual = columns(catalog, t.name());
            if (actual.isEmpty()) {
                diffs.add("table " + t.name() + " does not exist on the Target");
                continue;
            }
            Map<String, Column> byName = actual.stream().collect(Collectors.toMap(Column::name, x -> x));
            for (Column expected : t.columns()) {
                Column a = byName.get(expected.name());
                if (a == null) {
                    diffs.add(t.name() + "." + expected.name() + ": missing on the Target (bundle: " + expected + ")");
                } else if (!a.type().equals(expected.type())) {
                    diffs.add(t.name() + "." + expected.name() + ": type " + a.type() + " on the Target, " + expected.type() + " in the bundle");
                } else if (a.nullable() != expected.nullable()) {
                    diffs.add(t.name() + "." + expected.name() + ": " + (a.nullable() ? "nullable" : "not null") + " on the Target, "
                            + (expected.nullable() ? "nullable" : "not null") + " in the bundle");
                }
            }
            List<String> expectedNames = t.columns().stream().map(Column::name).toList();
            for (Column a : actual) {
                if (!expectedNames.contains(a.name())) {
                    diffs.add(t.name() + "." + a.name() + ": exists on the Target only (" + a + ")");
                }
            }
            List<String> actualNames = actual.stream().map(Column::name).toList();
            if (diffs.isEmpty() && !actualNames.equals(expectedNames)) {
                diffs.add(t.name() + ": column order " + actualNames + " on the Target, " + expectedNames + " in the bundle");
            }
        }
        Map<String, List<String>> targetAlembic = catalog.alembicVersions();
        for (Map.Entry<String, List<String>> a : schema.alembic().entrySet()) {
            List<String> target = targetAlembic.get(a.getKey());
            if (target == null) {
                diffs.add("Alembic table " + a.getKey() + " does not exist on the Target");
            } else if (!target.stream().sorted().toList().equals(a.getValue())) {
                diffs.add("Alembic " + a.getKey() + ": " + target.stream().sorted().toList() + " on the Target, " + a.getValue() + " in the bundle");
            }
        }
        return diffs;
    }

    /** The table's columns in catalog order; empty when the table does not exist. */
    private static List<Column> columns(PostgresCatalog catalog, String table) throws SQLException {
        Optional<TableInfo> info = catalog.table(table);
        return info.map(i -> i.columns().stream().map(col -> new Column(col.name(), col.type(), col.nullable())).toList())
                .orElse(List.of());
    }
}
