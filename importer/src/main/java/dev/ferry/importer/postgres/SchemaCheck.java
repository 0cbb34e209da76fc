package dev.ferry.importer.postgres;

import dev.ferry.importer.postgres.BundleSchema.Column;
import dev.ferry.importer.postgres.BundleSchema.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compares the Target catalog with the bundle's recorded schema (runbook §1.3: Alembic has created the Target schema;
 * it must be the Source's). Every difference is listed precisely: a missing table or column, a type, a nullability,
 * the column order (the fingerprint query reads columns in catalog order), and the Alembic revisions.
 */
final class SchemaCheck {
    private static final String COLUMNS = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
            FROM pg_attribute a JOIN pg_class c ON a.attrelid = c.oid JOIN pg_namespace n ON c.relnamespace = n.oid
            WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";

    private SchemaCheck() {
    }

    static List<String> differences(Connection c, BundleSchema schema) throws SQLException {
        List<String> diffs = new ArrayList<>();
        for (TableSchema t : schema.tables()) {
            List<Column> actual = columns(c, t.name());
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
        for (Map.Entry<String, List<String>> a : schema.alembic().entrySet()) {
            List<String> target = alembic(c, a.getKey());
            if (target == null) {
                diffs.add("Alembic table " + a.getKey() + " does not exist on the Target");
            } else if (!target.equals(a.getValue())) {
                diffs.add("Alembic " + a.getKey() + ": " + target + " on the Target, " + a.getValue() + " in the bundle");
            }
        }
        return diffs;
    }

    static List<Column> columns(Connection c, String table) throws SQLException {
        List<Column> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(new Column(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        return cols;
    }

    private static List<String> alembic(Connection c, String table) throws SQLException {
        if (columns(c, table).isEmpty()) {
            return null;
        }
        List<String> revs = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version_num FROM " + Sql.ident(table))) {
            while (rs.next()) {
                revs.add(rs.getString(1));
            }
        }
        return revs.stream().sorted().toList();
    }
}
