package dev.ferry.importer.upgrade.run;

import dev.ferry.common.MismatchException;
import dev.ferry.common.StoreException;
import dev.ferry.importer.upgrade.rows.TargetRow;
import dev.ferry.importer.upgrade.schema.ColumnSpec;
import dev.ferry.importer.upgrade.schema.LiveTable;
import dev.ferry.importer.upgrade.schema.Nulls;
import dev.ferry.importer.upgrade.schema.SchemaDiff;
import dev.ferry.importer.upgrade.schema.SwiftSchema;
import dev.ferry.importer.upgrade.schema.TableSpec;
import dev.ferry.stores.postgres.PostgresClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The swift database: its schema read from the catalog and checked against {@link SwiftSchema} before anything is
 * written, upserts by primary key in batches, and the counts validation needs. An upsert updates a row only when a
 * written column differs ({@code IS DISTINCT FROM}), so a re-run changes nothing and the counts say so; columns left to
 * their default ({@code created_at} when kea has none) are set on insert only.
 */
public final class SwiftDatabase implements AutoCloseable {
    static final int BATCH = 500;

    private final PostgresClient client;
    private final Connection conn;

    public SwiftDatabase(PostgresClient client) {
        this.client = client;
        this.conn = client.connect();
    }

    /** Refuses, with every difference, unless the swift schema exists and takes what the upgrade writes. */
    public void requireSchema() {
        List<String> diffs = schemaDifferences();
        if (!diffs.isEmpty()) {
            throw new MismatchException("the swift database schema differs from what the upgrade writes (" + diffs.size() + "): "
                    + String.join("; ", diffs),
                    "run swift's Alembic migrations on swift's database (or start swift once) and check swift.postgres.url, then re-run; nothing was written");
        }
    }

    public List<String> schemaDifferences() {
        Map<String, LiveTable> live = new HashMap<>();
        try {
            for (TableSpec t : SwiftSchema.tables()) {
                LiveTable table = liveTable(t.name());
                if (table != null) {
                    live.put(t.name(), table);
                }
            }
        } catch (SQLException e) {
            throw client.translate("read the swift schema", e);
        }
        return SchemaDiff.differences(SwiftSchema.tables(), live);
    }

    private LiveTable liveTable(String name) throws SQLException {
        List<LiveTable.LiveColumn> cols = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, a.atthasdef
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r','p') AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    cols.add(new LiveTable.LiveColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
                }
            }
        }
        if (cols.isEmpty()) {
            return null;
        }
        List<String> pk = new ArrayList<>();
        List<List<String>> uniques = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement("""
                SELECT i.indisprimary, ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(num, ord)
                       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num ORDER BY k.ord)
                FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relname = ? AND i.indisunique""")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    List<String> columns = List.of((String[]) rs.getArray(2).getArray());
                    if (rs.getBoolean(1)) {
                        pk.addAll(columns);
                    } else {
                        uniques.add(columns);
                    }
                }
            }
        }
        return new LiveTable(name, cols, pk, uniques);
    }

    /** A batched upsert into one table; {@link Upsert#close} flushes and commits. */
    public Upsert upsert(TableSpec table) {
        return new Upsert(table);
    }

    public final class Upsert implements AutoCloseable {
        private final TableSpec table;
        private final PreparedStatement st;
        private int pending;
        private long changed;
        private long seen;

        private Upsert(TableSpec table) {
            this.table = table;
            List<ColumnSpec> cols = table.columns();
            String names = cols.stream().map(c -> KeaReader.q(c.name())).collect(Collectors.joining(", "));
            String values = cols.stream().map(c -> c.nulls() == Nulls.DEFAULT
                    ? "COALESCE(CAST(? AS " + c.type() + "), CURRENT_TIMESTAMP)" : "CAST(? AS " + c.type() + ")").collect(Collectors.joining(", "));
            List<ColumnSpec> updated = cols.stream().filter(c -> !table.primaryKey().contains(c.name()) && c.nulls() != Nulls.DEFAULT).toList();
            String pk = table.primaryKey().stream().map(KeaReader::q).collect(Collectors.joining(", "));
            String sql = "INSERT INTO " + KeaReader.q(table.name()) + " AS t (" + names + ") VALUES (" + values + ") ON CONFLICT (" + pk + ") ";
            if (updated.isEmpty()) {
                sql += "DO NOTHING";
            } else {
                sql += "DO UPDATE SET " + updated.stream().map(c -> KeaReader.q(c.name()) + " = EXCLUDED." + KeaReader.q(c.name()))
                        .collect(Collectors.joining(", "))
                        + " WHERE (" + updated.stream().map(c -> "t." + KeaReader.q(c.name()) + "::text").collect(Collectors.joining(", "))
                        + ") IS DISTINCT FROM (" + updated.stream().map(c -> "EXCLUDED." + KeaReader.q(c.name()) + "::text").collect(Collectors.joining(", ")) + ")";
            }
            try {
                conn.setAutoCommit(false);
                this.st = conn.prepareStatement(sql);
            } catch (SQLException e) {
                throw client.translate("prepare the upsert into swift table " + table.name(), e);
            }
        }

        public void write(TargetRow row) {
            try {
                for (int i = 0; i < row.values().size(); i++) {
                    bind(st, i + 1, row.values().get(i));
                }
                st.addBatch();
                seen++;
                if (++pending >= BATCH) {
                    flush();
                }
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        private void flush() throws SQLException {
            if (pending == 0) {
                return;
            }
            for (int n : st.executeBatch()) {
                changed += Math.max(0, n);
            }
            conn.commit();
            pending = 0;
        }

        private StoreException failure(SQLException e) {
            SQLException next = e.getNextException() != null ? e.getNextException() : e;
            try {
                conn.rollback();
            } catch (SQLException ignored) {
                // the failure itself is what the operator needs
            }
            return client.translate("upsert into swift table " + table.name(), next);
        }

        /** Rows handed over so far. */
        public long seen() {
            return seen;
        }

        /** Rows inserted or changed (0 on a re-run of the same data). */
        public long changed() {
            return changed;
        }

        @Override
        public void close() {
            try {
                flush();
                st.close();
                conn.setAutoCommit(true);
            } catch (SQLException e) {
                throw failure(e);
            }
        }
    }

    private void bind(PreparedStatement st, int i, Object v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.VARCHAR);
        } else if (v instanceof List<?> list) {
            st.setArray(i, conn.createArrayOf("varchar", list.toArray()));
        } else if (v instanceof OffsetDateTime t) {
            st.setObject(i, t);
        } else if (v instanceof Boolean b) {
            st.setString(i, b.toString());
        } else {
            st.setString(i, v.toString());
        }
    }

    public long count(String table) {
        return scalar("SELECT count(*) FROM " + KeaReader.q(table));
    }

    /** The first column of each row of a query, as text (small answers only: validation's findings). */
    public List<String> texts(String sql) {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw client.translate("read the swift database", e);
        }
        return out;
    }

    public Connection connection() {
        return conn;
    }

    private long scalar(String sql) {
        try (PreparedStatement st = conn.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw client.translate("count rows in the swift database", e);
        }
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // nothing is pending: every batch was committed or rolled back
        }
    }
}
