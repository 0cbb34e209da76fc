package dev.ferry.stores.postgres;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import dev.ferry.stores.io.HashingOutputStream;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * The table COPY and its fingerprint, one class for both sides: the exporter streams the COPY bytes into the bundle
 * entry, the importer's validate streams the Target's bytes into nothing; both get the same SHA-256 for the same rows
 * when the connection is in a {@link SnapshotSession}.
 */
public final class TableCopier {
    private TableCopier() {
    }

    /** What one COPY produced. {@code fingerprint} is the lower-case hex SHA-256 of the COPY bytes. */
    public record CopyResult(String table, long rows, long bytes, String fingerprint) {
    }

    /** The query whose text-format output is the table's content (docs/bundle-contents.md). */
    public static String copySql(TableInfo table) {
        String columns = table.columns().stream().map(c -> Sql.ident(c.name())).collect(Collectors.joining(", "));
        // Without a primary key, ordering by every column is the closest deterministic order.
        List<String> order = table.primaryKey().isEmpty()
                ? table.columns().stream().map(ColumnInfo::name).toList() : table.primaryKey();
        return "COPY (SELECT " + columns + " FROM " + Sql.ident(table.name()) + " ORDER BY "
                + order.stream().map(Sql::ident).collect(Collectors.joining(", ")) + ") TO STDOUT";
    }

    /** Streams the table's COPY bytes into {@code sink} (which is not closed), hashing them on the way. */
    public static CopyResult copy(Connection conn, TableInfo table, OutputStream sink) throws SQLException, IOException {
        HashingOutputStream out = new HashingOutputStream(sink);
        long rows = conn.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql(table), out);
        out.flush();
        return new CopyResult(table.name(), rows, out.bytes(), out.sha256());
    }

    /** The fingerprint alone, for validation on the Target. */
    public static CopyResult fingerprint(Connection conn, TableInfo table) throws SQLException, IOException {
        return copy(conn, table, OutputStream.nullOutputStream());
    }
}
