package dev.ferry.importer.validate;

import dev.ferry.common.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import dev.ferry.stores.postgres.SnapshotSession;
import dev.ferry.stores.postgres.TableCopier;

/**
 * The Target database read with the exporter's own COPY and fingerprint code ({@link TableCopier} in a
 * {@link SnapshotSession}), so "what left" and "what landed" are one definition.
 */
final class JdbcTargetPostgres implements PostgresChecks.TargetPostgres {
    private static final String COPY_PREFIX = "COPY (";
    private static final String COPY_SUFFIX = ") TO STDOUT";

    private final Connection connection;
    private final String where;

    JdbcTargetPostgres(Connection connection, String where) {
        this.connection = connection;
        this.where = where;
        try {
            SnapshotSession.begin(connection);
        } catch (SQLException e) {
            throw new StoreException("cannot prepare the Target PostgreSQL session at " + where + ": " + e.getMessage(),
                    "check that the Target database is reachable and the configured user can log in", e);
        }
    }

    @Override
    public void copy(PostgresChecks.CarriedTable table, OutputStream out) {
        try {
            TableCopier.copy(connection, table.info(), out);
        } catch (SQLException e) {
            throw PostgresChecks.classify(e, table, where);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public TableContent content(PostgresChecks.CarriedTable table) {
        try {
            TableCopier.CopyResult r = TableCopier.fingerprint(connection, table.info());
            return new TableContent(r.rows(), r.fingerprint());
        } catch (SQLException e) {
            throw PostgresChecks.classify(e, table, where);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
    @Override
    public void rowsWithKeys(PostgresChecks.CarriedTable table, List<String[]> keys, Consumer<String> row) {
        // The table's own COPY query, narrowed by key: the rows come out byte for byte as the fingerprint sees them.
        String copy = TableCopier.copySql(table.info());
        if (!copy.startsWith(COPY_PREFIX) || !copy.endsWith(COPY_SUFFIX)) {
            throw new IllegalStateException("TableCopier.copySql no longer has the form COPY (…) TO STDOUT: " + copy);
        }
        String select = copy.substring(COPY_PREFIX.length(), copy.length() - COPY_SUFFIX.length());
        String sql = COPY_PREFIX + "SELECT * FROM (" + select + ") AS carried WHERE " + keyPredicate(table.info().primaryKey(), keys)
                + COPY_SUFFIX;
        try {
            CopyOut out = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
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
        } catch (SQLException e) {
            throw PostgresChecks.classify(e, table, where);
        }
    }

    /**
     * {@code (k1, k2) IN ((E'…', E'…'), …)}. A COPY text field is already valid inside an E'' literal (COPY escapes
     * backslash and control characters the way E'' reads them), so only quotes are doubled; the untyped literals take
     * each key column's type, which keeps the primary-key index usable.
     */
    private static String keyPredicate(List<String> primaryKey, List<String[]> keys) {
        String columns = primaryKey.stream().map(JdbcTargetPostgres::ident).collect(Collectors.joining(", ", "(", ")"));
        return columns + " IN (" + keys.stream()
                .map(k -> Arrays.stream(k).map(f -> "E'" + f.replace("'", "''") + "'").collect(Collectors.joining(", ", "(", ")")))
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Streams metadata.document_uid, for the cross-store checks (no row is held in memory here). */
    void forEachDocumentUid(java.util.function.Consumer<String> uid) {
        try (Statement s = connection.createStatement()) {
            s.setFetchSize(1000);
            try (java.sql.ResultSet rs = s.executeQuery("SELECT document_uid FROM metadata ORDER BY document_uid")) {
                while (rs.next()) {
                    uid.accept(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading metadata.document_uid from the Target PostgreSQL " + where + " failed: " + e.getMessage(),
                    "check that the Target database is up and the configured user may SELECT from metadata", e);
        }
    }
}
