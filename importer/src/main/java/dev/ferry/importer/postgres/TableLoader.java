package dev.ferry.importer.postgres;

import dev.ferry.common.MismatchException;
import dev.ferry.importer.config.ConflictPolicy;
import dev.ferry.importer.postgres.BundleSchema.Column;
import dev.ferry.importer.postgres.BundleSchema.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import dev.ferry.stores.postgres.ColumnInfo;
import dev.ferry.stores.postgres.Sql;
import dev.ferry.stores.postgres.TableCopier;
import dev.ferry.stores.postgres.TableInfo;

/**
 * Loads one table from its COPY entry, streamed, in one transaction: a crash or error rolls it back whole, so a table
 * is either untouched or complete. An empty table gets a plain COPY, then its fingerprint is compared with the
 * bundle's before commit. A non-empty one (only with a skip/overwrite policy) is loaded through a temporary table and
 * {@code INSERT … ON CONFLICT}.
 */
final class TableLoader {
    private final Connection c;

    TableLoader(Connection c) {
        this.c = c;
    }

    long rows(String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + Sql.ident(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String fingerprint(TableSchema t) throws SQLException {
        try {
            return TableCopier.fingerprint(c, new TableInfo(t.name(), t.columns().stream()
                    .map(col -> new ColumnInfo(col.name(), col.type(), col.nullable())).toList(), t.primaryKey())).fingerprint();
        } catch (IOException e) {
            throw new SQLException("reading table " + t.name() + " failed: " + e.getMessage(), "08000", e);
        }
    }

    /** Returns the number of rows written (inserted or updated). */
    long load(TableSchema t, InputStream copy, ConflictPolicy policy) throws SQLException, IOException {
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                // Applications must not write the table while it is being loaded; readers are not blocked.
                s.execute("LOCK TABLE " + Sql.ident(t.name()) + " IN EXCLUSIVE MODE");
            }
            long before = rows(t.name());
            long written;
            if (before == 0) {
                written = copyIn(t.name(), t, copy);
                if (written != t.rowCount()) {
                    throw new MismatchException("table " + t.name() + ": COPY wrote " + written + " rows, the bundle says " + t.rowCount(),
                            "nothing was committed for this table; report this as a bug");
                }
                String fp = fingerprint(t);
                if (!fp.equals(t.fingerprint())) {
                    throw new MismatchException("table " + t.name() + ": after COPY its content fingerprint differs from the bundle's",
                            "a column type or collation on the Target renders values differently; nothing was committed for this table");
                }
            } else {
                written = merge(t, copy, policy);
            }
            c.commit();
            return written;
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** What a sync did (or, rolled back, would do) to a table: rows inserted, updated and deleted. */
    record SyncChanges(long added, long changed, long removed) {
        long total() {
            return added + changed + removed;
        }
    }

    /**
     * Makes the table the bundle's content by primary key, in one transaction: rows whose key is not in the bundle are
     * deleted, rows that differ are updated, missing ones inserted. Under {@code skip} the Target's rows stay as they
     * are (only missing keys are inserted) and under {@code overwrite} nothing is deleted: Ferry cannot tell a row the
     * Target seeded from one the Source deleted. Under the default policy the result must have the bundle's
     * fingerprint, else nothing is committed. With {@code apply} false (the dry run) the changes are counted and rolled
     * back. A table without a primary key is replaced whole (default policy only).
     */
    SyncChanges sync(TableSchema t, InputStream copy, ConflictPolicy policy, boolean apply) throws SQLException, IOException {
        c.setAutoCommit(false);
        try {
            if (apply) {
                try (Statement s = c.createStatement()) {
                    s.execute("LOCK TABLE " + Sql.ident(t.name()) + " IN EXCLUSIVE MODE");
                }
            }
            String tmp = "ferry_sync_" + Math.abs(t.name().hashCode());
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE " + Sql.ident(tmp) + " (LIKE " + Sql.ident(t.name()) + " INCLUDING DEFAULTS) ON COMMIT DROP");
            }
            copyIn(tmp, t, copy);
            String table = Sql.ident(t.name());
            String cols = Sql.idents(names(t));
            SyncChanges changes;
            try (Statement s = c.createStatement()) {
                if (t.primaryKey().isEmpty()) {
                    if (policy != ConflictPolicy.REFUSE) {
                        throw new MismatchException("table " + t.name() + " has no primary key, so postgres.conflicts." + t.name() + ": "
                                + policy.name().toLowerCase() + " cannot tell its rows from the bundle's",
                                "remove the table's conflict policy (the table then becomes the bundle's content), or leave it out of the load");
                    }
                    long removed = s.executeUpdate("DELETE FROM " + table);
                    long added = s.executeUpdate("INSERT INTO " + table + " (" + cols + ") SELECT " + cols + " FROM " + Sql.ident(tmp));
                    changes = new SyncChanges(added, 0, removed);
                } else {
                    String join = t.primaryKey().stream().map(k -> "x." + Sql.ident(k) + " = s." + Sql.ident(k))
                            .collect(Collectors.joining(" AND "));
                    long removed = 0;
                    if (policy == ConflictPolicy.REFUSE) {
                        removed = s.executeUpdate("DELETE FROM " + table + " x WHERE NOT EXISTS (SELECT 1 FROM " + Sql.ident(tmp)
                                + " s WHERE " + join + ")");
                    }
                    long changed = 0;
                    List<String> valueColumns = names(t).stream().filter(n -> !t.primaryKey().contains(n)).toList();
                    if (policy != ConflictPolicy.SKIP && !valueColumns.isEmpty()) {
                        // Compared as text: json columns have no equality operator, and text is what COPY carried.
                        String differs = "ROW(" + names(t).stream().map(n -> "x." + Sql.ident(n) + "::text").collect(Collectors.joining(", "))
                                + ") IS DISTINCT FROM ROW(" + names(t).stream().map(n -> "s." + Sql.ident(n) + "::text")
                                .collect(Collectors.joining(", ")) + ")";
                        String set = valueColumns.stream().map(n -> Sql.ident(n) + " = s." + Sql.ident(n)).collect(Collectors.joining(", "));
                        changed = s.executeUpdate("UPDATE " + table + " x SET " + set + " FROM " + Sql.ident(tmp) + " s WHERE " + join
                                + " AND " + differs);
                    }
                    long added = s.executeUpdate("INSERT INTO " + table + " (" + cols + ") SELECT " + names(t).stream()
                            .map(n -> "s." + Sql.ident(n)).collect(Collectors.joining(", ")) + " FROM " + Sql.ident(tmp)
                            + " s WHERE NOT EXISTS (SELECT 1 FROM " + table + " x WHERE " + join + ")");
                    changes = new SyncChanges(added, changed, removed);
                }
            }
            if (policy == ConflictPolicy.REFUSE && !fingerprint(t).equals(t.fingerprint())) {
                throw new MismatchException("table " + t.name() + ": after the sync its content fingerprint differs from the bundle's",
                        "a column type or collation on the Target renders values differently; nothing was committed for this table");
            }
            if (apply) {
                c.commit();
            } else {
                c.rollback();
            }
            return changes;
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private long merge(TableSchema t, InputStream copy, ConflictPolicy policy) throws SQLException, IOException {
        String tmp = "ferry_load_" + Math.abs(t.name().hashCode());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE " + Sql.ident(tmp) + " (LIKE " + Sql.ident(t.name()) + " INCLUDING DEFAULTS) ON COMMIT DROP");
        }
        copyIn(tmp, t, copy);
        String cols = Sql.idents(names(t));
        String onConflict;
        if (policy == ConflictPolicy.OVERWRITE) {
            String set = t.columns().stream().map(Column::name).filter(n -> !t.primaryKey().contains(n))
                    .map(n -> Sql.ident(n) + " = EXCLUDED." + Sql.ident(n)).collect(Collectors.joining(", "));
            onConflict = set.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + set;
        } else {
            onConflict = "DO NOTHING";
        }
        try (Statement s = c.createStatement()) {
            return s.executeUpdate("INSERT INTO " + Sql.ident(t.name()) + " (" + cols + ") SELECT " + cols + " FROM " + Sql.ident(tmp)
                    + " ON CONFLICT (" + Sql.idents(t.primaryKey()) + ") " + onConflict);
        }
    }

    private long copyIn(String into, TableSchema t, InputStream copy) throws SQLException, IOException {
        return c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + Sql.ident(into) + " (" + Sql.idents(names(t)) + ") FROM STDIN", copy, 64 * 1024);
    }

    private static List<String> names(TableSchema t) {
        return t.columns().stream().map(Column::name).toList();
    }
}
