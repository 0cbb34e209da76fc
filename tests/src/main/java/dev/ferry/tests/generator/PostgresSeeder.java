package dev.ferry.tests.generator;

import dev.ferry.common.StoreException;
import dev.ferry.tests.harness.PostgresEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/** Writes every generated table into a kea database with batched JDBC inserts, in one transaction. */
final class PostgresSeeder {
    private static final int BATCH = 500;

    /** Empties the dataset's tables first, so a database can be re-seeded; returns the rows written. */
    long seed(KeaDataset dataset, PostgresEndpoint endpoint) {
        Properties props = new Properties();
        props.setProperty("user", endpoint.user());
        props.setProperty("password", endpoint.password());
        props.setProperty("reWriteBatchedInserts", "true");
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), props)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE " + dataset.tables().stream().map(SqlTable::quotedName)
                        .collect(Collectors.joining(", ")));
            }
            long rows = 0;
            for (SqlTable table : dataset.tables()) {
                rows += insert(c, table);
            }
            c.commit();
            return rows;
        } catch (SQLException e) {
            throw new StoreException("seeding PostgreSQL database " + endpoint.database() + " at " + endpoint.host()
                    + ":" + endpoint.port() + " failed: " + e.getMessage(),
                    "check that the database was created with the kea schema (Stores.createDatabase)", e);
        }
    }

    private static long insert(Connection c, SqlTable table) throws SQLException {
        String columns = table.columns().stream().map(col -> '"' + col.name() + '"').collect(Collectors.joining(", "));
        String values = table.columns().stream().map(col -> placeholder(col.type())).collect(Collectors.joining(", "));
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + table.quotedName() + " (" + columns + ") VALUES (" + values + ")")) {
            int pending = 0;
            for (List<Object> row : table.rows()) {
                for (int i = 0; i < row.size(); i++) {
                    bind(c, ps, i + 1, table.columns().get(i).type(), row.get(i));
                }
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        return table.rows().size();
    }

    private static String placeholder(SqlType type) {
        return switch (type) {
            case JSONB -> "?::jsonb";
            case UUID -> "?::uuid";
            case GCU_VERSION -> "?::gcu_version_type";
            default -> "?";
        };
    }

    @SuppressWarnings("unchecked")
    private static void bind(Connection c, PreparedStatement ps, int index, SqlType type, Object value)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, switch (type) {
                case BYTEA -> Types.BINARY;
                case VARCHAR_ARRAY -> Types.ARRAY;
                case TIMESTAMPTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
                default -> Types.VARCHAR;
            });
            return;
        }
        switch (type) {
            case TIMESTAMPTZ -> ps.setObject(index, (OffsetDateTime) value);
            case VARCHAR_ARRAY -> ps.setArray(index, c.createArrayOf("varchar", ((List<String>) value).toArray()));
            case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
            case INTEGER -> ps.setInt(index, (Integer) value);
            case DOUBLE -> ps.setDouble(index, (Double) value);
            case BYTEA -> ps.setBytes(index, HexFormat.of().parseHex((String) value));
            default -> ps.setString(index, (String) value);
        }
    }
}
