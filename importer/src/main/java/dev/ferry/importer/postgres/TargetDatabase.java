package dev.ferry.importer.postgres;

import dev.ferry.common.StoreException;
import dev.ferry.importer.config.PostgresTarget;
import java.sql.Connection;
import dev.ferry.stores.postgres.PostgresConnector;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Connections to the Target database, each with the session settings the bundle's COPY text was produced under
 * (docs/bundle-contents.md), so timestamps, floats and bytea are read back exactly as they were written.
 */
final class TargetDatabase {
    private final PostgresTarget target;

    TargetDatabase(PostgresTarget target) {
        this.target = target;
    }

    Connection connect() {
        try {
            Connection c = PostgresConnector.connect(target.connection());
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                s.execute("SET DateStyle = 'ISO, YMD'");
                s.execute("SET IntervalStyle = 'postgres'");
                s.execute("SET extra_float_digits = 3");
                s.execute("SET bytea_output = 'hex'");
                s.execute("SET client_encoding = 'UTF8'");
            }
            return c;
        } catch (SQLException e) {
            throw PostgresConnector.translate(target.connection(), e);
        }
    }

    StoreException error(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
        String fix = e.getSQLState() != null && e.getSQLState().startsWith("28")
                ? "check postgres.user and the password secret in target.yaml"
                : e.getSQLState() != null && e.getSQLState().startsWith("08")
                        ? "check postgres.jdbcUrl (host, port, database) and that the Target database is running"
                        : "read the PostgreSQL server log; the table being loaded was rolled back, so --resume continues cleanly";
        return new StoreException("PostgreSQL at " + target.url() + " failed to " + what + ": " + e.getMessage() + state, fix, e);
    }
}
