package dev.ferry.stores.postgres;

import dev.ferry.stores.io.HashingOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * A table's content and its fingerprint, one definition for both sides (docs/bundle-contents.md): the rows of
 * {@link #contentQuery} in COPY text format, and the SHA-256 of those bytes. The exporter streams them into the bundle
 * entry; the load and validate compute the Target's fingerprint, and validate narrows the same query to chosen
 * primary keys, through the methods here rather than by taking a query's text apart. Equal rows give equal bytes when
 * the connection is in the settings of {@link PostgresClient#SESSION_SETTINGS}.
 */
public final class TableCopier {
    private TableCopier() {
    }

    /** What one COPY produced. {@code fingerprint} is the lower-case hex SHA-256 of the COPY bytes. */
    public record CopyResult(String table, long rows, long bytes, String fingerprint) {
    }

    /**
     * The query whose rows are the table's content: every column in catalog order, ordered by the primary key (by
     * every column when there is none, the closest deterministic order).
     */
    public static String contentQuery(TableInfo table) {
        List<String> order = table.primaryKey().isEmpty()
                ? table.columns().stream().map(ColumnInfo::name).toList() : table.primaryKey();
        return "SELECT " + Sql.idents(columnNames(table)) + " FROM " + Sql.ident(table.name()) + " ORDER BY " + Sql.idents(order);
    }

    /** The COPY statement that writes the table's content in text format. */
    public static String copySql(TableInfo table) {
        return copyOut(contentQuery(table));
    }

    /**
     * The COPY statement that writes the content rows whose primary key is one of {@code keys} (each the key's fields
     * as COPY text, in key order), in no particular order, byte for byte as {@link #copySql} writes them.
     * A COPY text field is already valid inside an E'' literal (COPY escapes backslash and control characters the way
     * E'' reads them), so only quotes are doubled; the untyped literals take each key column's type, which keeps the
     * primary-key index usable.
     */
    public static String copySqlForKeys(TableInfo table, List<String[]> keys) {
        if (table.primaryKey().isEmpty()) {
            throw new IllegalArgumentException("table " + table.name() + " has no primary key to select rows by");
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key to select rows of " + table.name() + " by");
        }
        String tuples = keys.stream()
                .map(k -> Arrays.stream(k).map(f -> "E'" + f.replace("'", "''") + "'").collect(Collectors.joining(", ", "(", ")")))
                .collect(Collectors.joining(", "));
        return copyOut("SELECT * FROM (" + contentQuery(table) + ") AS carried WHERE (" + Sql.idents(table.primaryKey())
                + ") IN (" + tuples + ")");
    }

    /** Streams the table's COPY bytes into {@code sink} (which is not closed), hashing them on the way. */
    public static CopyResult copy(Connection conn, TableInfo table, OutputStream sink) throws SQLException, IOException {
        HashingOutputStream out = new HashingOutputStream(sink);
        long rows = conn.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql(table), out);
        out.flush();
        return new CopyResult(table.name(), rows, out.bytes(), out.sha256());
    }

    /** The row count and fingerprint alone, for the Target. */
    public static CopyResult fingerprint(Connection conn, TableInfo table) throws SQLException, IOException {
        return copy(conn, table, OutputStream.nullOutputStream());
    }

    /** Hands over the rows of {@link #copySqlForKeys}, one COPY text line each without its newline. */
    public static void rowsWithKeys(Connection conn, TableInfo table, List<String[]> keys, Consumer<String> row) throws SQLException {
        CopyOut out = conn.unwrap(PGConnection.class).getCopyAPI().copyOut(copySqlForKeys(table, keys));
        try {
            for (byte[] line = out.readFromCopy(); line != null; line = out.readFromCopy()) {
                int end = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
                row.accept(new String(line, 0, end, StandardCharsets.UTF_8));
            }
        } finally {
            if (out.isActive()) {
                out.cancelCopy();
            }
        }
    }

    private static List<String> columnNames(TableInfo table) {
        return table.columns().stream().map(ColumnInfo::name).toList();
    }

    private static String copyOut(String query) {
        return "COPY (" + query + ") TO STDOUT";
    }
}
