package dev.ferry.stores.postgres;

import dev.ferry.common.StoreException;
import dev.ferry.stores.config.PostgresConfig;
import dev.ferry.stores.retry.StoreRetry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The one client of a PostgreSQL database, for the export, the load and validate alike: opens connections from a
 * {@code postgres:} section, always in the session settings the content definition needs ({@link TableCopier}), and
 * turns the driver's failures into a StoreException that names the config key to fix.
 * <p>
 * Only opening a connection is retried (the one retry policy, {@link StoreRetry}): inside a transaction a failed
 * statement aborts the transaction, and a COPY already streamed into a bundle entry cannot be taken back, so those
 * failures end the run and the operator re-runs (the load resumes).
 */
public final class PostgresClient {
    /**
     * The output settings every content read and write runs under, so COPY bytes depend only on the data and the Source
     * and the Target produce the same bytes for the same rows (docs/bundle-contents.md): timestamps, floats and bytea
     * are written and read back exactly.
     */
    public static final List<String> SESSION_SETTINGS = List.of(
            "SET TimeZone = 'UTC'",
            "SET DateStyle = 'ISO, YMD'",
            "SET IntervalStyle = 'postgres'",
            "SET extra_float_digits = 3",
            "SET bytea_output = 'hex'",
            "SET client_encoding = 'UTF8'");
    /** Refusals that heal by waiting: the server is starting up, out of connection slots, or dropped the connection. */
    private static final Set<String> TRANSIENT_STATES = Set.of("57P03", "53300", "08006");

    private final PostgresConfig config;
    private final StoreRetry retry = StoreRetry.standardOr(e -> e instanceof SQLException s && TRANSIENT_STATES.contains(s.getSQLState()));

    public PostgresClient(PostgresConfig config) {
        this.config = config;
    }

    public PostgresConfig config() {
        return config;
    }

    /** A new connection in the session settings, in autocommit mode. The caller closes it. */
    public Connection connect() {
        try {
            return retry.get(this::open);
        } catch (StoreRetry.StoreCallException e) {
            throw e.getCause() instanceof SQLException s ? translate("connect", s)
                    : new StoreException("PostgreSQL at " + config.url() + " cannot be reached (postgres.url): " + e.getMessage(),
                            "Check the host and port in postgres.url, and that this machine can reach it.", e.getCause());
        }
    }

    /**
     * A new connection inside one read-only REPEATABLE READ transaction: every table read through it sees the data as
     * of one moment. Nothing is ever written through it; the caller closes it (which ends the transaction).
     */
    public Connection snapshot() {
        Connection conn = connect();
        try {
            conn.setAutoCommit(false);
            conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            conn.setReadOnly(true);
            try (Statement st = conn.createStatement()) {
                // The first statement fixes the snapshot; later COPYs all see the data as of this moment.
                st.execute("SELECT 1");
            }
            return conn;
        } catch (SQLException e) {
            close(conn);
            throw translate("begin a read-only snapshot", e);
        }
    }

    private Connection open() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", config.user());
        props.setProperty("password", config.password().reveal());
        props.setProperty("ApplicationName", "ferry");
        props.setProperty("connectTimeout", "15");
        // Large COPY streams must not be cut by a socket timeout; the server's own statement timeout still applies.
        props.setProperty("tcpKeepAlive", "true");
        Connection conn = DriverManager.getConnection(config.url(), props);
        try (Statement st = conn.createStatement()) {
            for (String s : SESSION_SETTINGS) {
                st.execute(s);
            }
            return conn;
        } catch (SQLException e) {
            close(conn);
            throw e;
        }
    }

    /**
     * The StoreException for a failure of {@code operation} ("connect", "load table agent"), naming the key the
     * operator should check.
     */
    public StoreException translate(String operation, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = firstLine(e.getMessage());
        String at = "PostgreSQL at " + config.url();
        if (state.equals("28P01") || state.equals("28000")) {
            return new StoreException(at + " refused user '" + config.user() + "' (postgres.user/postgres.password): " + server,
                    "Check postgres.user and the secret postgres.password refers to (" + config.password().describe() + ").", e);
        }
        if (state.equals("3D000")) {
            return new StoreException(at + ": the database does not exist (postgres.url): " + server,
                    "Put the database's name at the end of postgres.url (e.g. …/fred).", e);
        }
        if (state.startsWith("08")) {
            return new StoreException(at + " cannot be reached (postgres.url): " + server,
                    "Check the host and port in postgres.url, and that this machine can reach it (VPN, bastion, firewall).", e);
        }
        if (state.equals("42501")) {
            return new StoreException(at + ": user '" + config.user() + "' lacks a privilege to " + operation + ": " + server,
                    "Grant " + config.user() + " what its side needs: to export, SELECT on the carried tables (GRANT pg_read_all_data TO "
                            + config.user() + "); to load, the privileges docs/operator-guide-target.md lists.", e);
        }
        return new StoreException(at + " failed to " + operation + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")") + ": "
                + server, "Check the server's log; re-run once the cause is fixed.", e);
    }

    private static void close(Connection conn) {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // The connection is abandoned after a failure; its own error is the one to report.
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
