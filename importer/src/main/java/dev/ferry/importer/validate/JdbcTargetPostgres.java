package dev.ferry.importer.validate;

import dev.ferry.common.StoreException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import dev.ferry.exporter.postgres.SnapshotSession;
import dev.ferry.exporter.postgres.TableCopier;

/**
 * The Target database read with the exporter's own COPY and fingerprint code ({@link TableCopier} in a
 * {@link SnapshotSession}), so "what left" and "what landed" are one definition.
 */
final class JdbcTargetPostgres implements PostgresChecks.TargetPostgres {
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
