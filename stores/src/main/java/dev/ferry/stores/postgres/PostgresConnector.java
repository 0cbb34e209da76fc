package dev.ferry.stores.postgres;

import dev.ferry.common.StoreException;
import dev.ferry.stores.config.PostgresConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens a JDBC connection from a {@code postgres:} section, turning the driver's failures into a StoreException that
 * names the config key to fix. The importer opens its Target connection through here too.
 */
public final class PostgresConnector {
    private PostgresConnector() {
    }

    public static Connection connect(PostgresConfig config) {
        Properties props = new Properties();
        props.setProperty("user", config.user());
        props.setProperty("password", config.password().reveal());
        props.setProperty("ApplicationName", "ferry");
        props.setProperty("connectTimeout", "15");
        // Large COPY streams must not be cut by a socket timeout; the server's own statement timeout still applies.
        props.setProperty("tcpKeepAlive", "true");
        try {
            return DriverManager.getConnection(config.url(), props);
        } catch (SQLException e) {
            throw translate(config, e);
        }
    }

    /** The StoreException for a failure talking to this database, naming the key the operator should check. */
    public static StoreException translate(PostgresConfig config, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = firstLine(e.getMessage());
        String at = "PostgreSQL at " + config.url();
        if (state.equals("28P01") || state.equals("28000")) {
            return new StoreException(at + " refused user '" + config.user() + "' (postgres.user/postgres.password): " + server,
                    "Check postgres.user and the secret postgres.password refers to (" + config.password().describe() + ").", e);
        }
        if (state.equals("3D000")) {
            return new StoreException(at + ": the database does not exist (postgres.url): " + server,
                    "Put the Source database's name at the end of postgres.url (e.g. …/fred).", e);
        }
        if (state.startsWith("08")) {
            return new StoreException(at + " cannot be reached (postgres.url): " + server,
                    "Check the host and port in postgres.url, and that this machine can reach it (VPN, bastion, firewall).", e);
        }
        if (state.equals("42501")) {
            return new StoreException(at + ": user '" + config.user() + "' lacks a privilege: " + server,
                    "Grant the export user SELECT on the carried tables (GRANT pg_read_all_data TO " + config.user() + ").", e);
        }
        return new StoreException(at + " answered with an error" + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")")
                + ": " + server, "Check the server's log; re-run once the cause is fixed.", e);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
