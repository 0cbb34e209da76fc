package dev.ferry.importer.validate;

import dev.ferry.common.StoreException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * The Target database read with the fingerprint's definition (docs/bundle-contents.md, store "postgres"): the session
 * settings that make COPY text output independent of the server's locale and defaults, and the query in key order.
 */
final class JdbcTargetPostgres implements PostgresChecks.TargetPostgres {
    private final Connection connection;
    private final String where;

    JdbcTargetPostgres(Connection connection, String where) {
        this.connection = connection;
        this.where = where;
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("SET DateStyle = 'ISO, YMD'");
            s.execute("SET IntervalStyle = 'postgres'");
            s.execute("SET extra_float_digits = 3");
            s.execute("SET bytea_output = 'hex'");
            s.execute("SET client_encoding = 'UTF8'");
        } catch (SQLException e) {
            throw new StoreException("cannot prepare the Target PostgreSQL session at " + where + ": " + e.getMessage(),
                    "check that the Target database is reachable and the configured user can log in", e);
        }
    }

    @Override
    public void copy(PostgresChecks.CarriedTable table, OutputStream out) {
        String columns = table.columns().stream().map(JdbcTargetPostgres::quote).collect(Collectors.joining(", "));
        String order = table.primaryKey().isEmpty() ? ""
                : " ORDER BY " + table.primaryKey().stream().map(JdbcTargetPostgres::quote).collect(Collectors.joining(", "));
        String sql = "COPY (SELECT " + columns + " FROM " + quote(table.name()) + order + ") TO STDOUT";
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
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

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
