package dev.ferry.importer.validate;

import dev.ferry.stores.postgres.PostgresClient;
import dev.ferry.stores.postgres.TableCopier;
import dev.ferry.stores.postgres.TableInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Target database as validation reads it: one read-only snapshot from the {@link PostgresClient}, read with the
 * content definition the export used ({@link TableCopier}), so "what left" and "what landed" are one definition.
 * A table or column the Target lacks is a difference ({@link MissingOnTarget}), not a store failure.
 */
final class TargetPostgres implements AutoCloseable {
    private final PostgresClient client;
    private final Connection snapshot;

    TargetPostgres(PostgresClient client) {
        this.client = client;
        this.snapshot = client.snapshot();
    }

    /** Writes the table's content (its COPY text) into {@code out}. */
    void copy(TableInfo table, OutputStream out) {
        try {
            TableCopier.copy(snapshot, table, out);
        } catch (SQLException e) {
            throw classify(e, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts and fingerprints the table's content in one pass. */
    TableCopier.CopyResult content(TableInfo table) {
        try {
            return TableCopier.fingerprint(snapshot, table);
        } catch (SQLException e) {
            throw classify(e, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Hands over, one COPY text line each (no newline), the table's content rows whose primary key is one of
     * {@code keys} (each the key's fields as COPY text), in no particular order.
     */
    void rowsWithKeys(TableInfo table, List<String[]> keys, Consumer<String> row) {
        try {
            TableCopier.rowsWithKeys(snapshot, table, keys, row);
        } catch (SQLException e) {
            throw classify(e, table);
        }
    }

    /** Streams metadata.document_uid, for the cross-store checks (no row is held in memory here). */
    void forEachDocumentUid(Consumer<String> uid) {
        try (Statement s = snapshot.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery("SELECT document_uid FROM metadata ORDER BY document_uid")) {
                while (rs.next()) {
                    uid.accept(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw client.translate("read metadata.document_uid", e);
        }
    }

    /** Turns a JDBC failure into a difference (table or column absent) or the client's store error. */
    private RuntimeException classify(SQLException e, TableInfo table) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("42P01")) {
            return new MissingOnTarget("the table does not exist on the Target");
        }
        if (state.equals("42703")) {
            return new MissingOnTarget("a carried column does not exist on the Target (" + e.getMessage() + ")");
        }
        return client.translate("read table " + table.name(), e);
    }

    @Override
    public void close() {
        try {
            snapshot.close();
        } catch (SQLException ignored) {
            // Closing a read-only snapshot cannot lose anything; the validation result stands.
        }
    }
}
