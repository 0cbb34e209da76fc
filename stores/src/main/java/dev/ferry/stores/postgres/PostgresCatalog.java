package dev.ferry.stores.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads table structure, sizes and alembic versions from the catalog of the connection's current schema. */
public final class PostgresCatalog {
    private final Connection conn;

    public PostgresCatalog(Connection conn) {
        this.conn = conn;
    }

    /** Names of the ordinary and partitioned tables of the current schema, sorted. */
    public List<String> tableNames() throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                ORDER BY c.relname""");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The table's structure, or empty if the current schema has no such table. */
    public Optional<TableInfo> table(String name) throws SQLException {
        Long oid = oid(name);
        if (oid == null) {
            return Optional.empty();
        }
        List<ColumnInfo> columns = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
                FROM pg_attribute a WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""")) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(new ColumnInfo(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        List<String> pk = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement("""
                SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = ? AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)""")) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    pk.add(rs.getString(1));
                }
            }
        }
        return Optional.of(new TableInfo(name, columns, pk));
    }

    private Long oid(String name) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("""
                SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r', 'p')""")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** Row count (exact) of a table. */
    public long rowCount(String table) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT count(*) FROM " + Sql.ident(table));
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Total size of a table with its indexes and TOAST, in bytes. */
    public long tableBytes(String table) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT pg_total_relation_size(?::regclass)")) {
            st.setString(1, Sql.ident(table));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public String databaseName() throws SQLException {
        return single("SELECT current_database()");
    }

    public long databaseBytes() throws SQLException {
        return Long.parseLong(single("SELECT pg_database_size(current_database())"));
    }

    public String serverVersion() throws SQLException {
        return single("SHOW server_version");
    }

    /** The alembic version tables (alembic_version*) and their revisions, sorted, so a Target schema can be compared. */
    public Map<String, List<String>> alembicVersions() throws SQLException {
        Map<String, List<String>> versions = new TreeMap<>();
        for (String table : tableNames()) {
            if (table.startsWith("alembic_version")) {
                List<String> revs = new ArrayList<>();
                try (PreparedStatement st = conn.prepareStatement("SELECT version_num FROM " + Sql.ident(table)
                        + " ORDER BY version_num"); ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        revs.add(rs.getString(1));
                    }
                }
                versions.put(table, revs);
            }
        }
        return versions;
    }

    private String single(String sql) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
