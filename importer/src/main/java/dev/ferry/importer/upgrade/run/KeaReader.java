package dev.ferry.importer.upgrade.run;

import dev.ferry.common.StoreException;
import dev.ferry.importer.upgrade.rows.Row;
import dev.ferry.stores.postgres.PostgresClient;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads kea's database through one connection in one read-only snapshot, table by table in key order, with a fetch
 * size so the driver streams through a cursor: the live kea database sees one reader, and no table is ever held in
 * memory. Nothing is written through it.
 */
public final class KeaReader implements AutoCloseable {
    private final PostgresClient client;
    private final Connection conn;
    private final int fetchSize;

    public KeaReader(PostgresClient client, int fetchSize) {
        this.client = client;
        this.conn = client.snapshot();
        this.fetchSize = fetchSize;
    }

    /** Calls {@code each} with every row of {@code table}, the given columns, ordered by {@code key}; returns the count. */
    public long forEach(String table, List<String> columns, List<String> key, Consumer<Row> each) {
        String sql = "SELECT " + columns.stream().map(KeaReader::q).collect(Collectors.joining(", ")) + " FROM " + q(table)
                + " ORDER BY " + key.stream().map(KeaReader::q).collect(Collectors.joining(", "));
        long n = 0;
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setFetchSize(fetchSize);
            try (ResultSet rs = st.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        values.put(md.getColumnName(i), value(rs, md, i));
                    }
                    each.accept(new Row(values));
                    n++;
                }
            }
        } catch (SQLException e) {
            throw client.translate("read kea table " + table, e);
        }
        return n;
    }

    /** JDBC values as the pure core expects them: jsonb as text, arrays as lists, timestamps as OffsetDateTime. */
    private static Object value(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        int type = md.getColumnType(i);
        String name = md.getColumnTypeName(i);
        Object v;
        if (type == Types.ARRAY) {
            Array a = rs.getArray(i);
            v = a == null ? null : Arrays.stream((Object[]) a.getArray()).map(x -> x == null ? null : x.toString()).toList();
        } else if (type == Types.TIMESTAMP_WITH_TIMEZONE || "timestamptz".equals(name)) {
            v = rs.getObject(i, OffsetDateTime.class);
        } else if (type == Types.BOOLEAN || type == Types.BIT) {
            v = rs.getObject(i);
        } else if (type == Types.BIGINT || type == Types.INTEGER || type == Types.SMALLINT) {
            v = rs.getObject(i);
        } else {
            v = rs.getString(i);
        }
        return rs.wasNull() ? null : v;
    }

    static String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new StoreException("closing the kea read connection failed: " + e.getMessage(), "nothing to do: kea was only read", e);
        }
    }
}
