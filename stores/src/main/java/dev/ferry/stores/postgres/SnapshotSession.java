package dev.ferry.stores.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Puts a connection into the state every table read and fingerprint needs: one read-only REPEATABLE READ transaction
 * (one consistent snapshot for all tables) and fixed output settings, so that COPY bytes depend only on the data and
 * the Source and the Target produce the same bytes for the same rows (docs/bundle-contents.md).
 */
public final class SnapshotSession {
    static final String[] SETTINGS = {
        "SET TimeZone = 'UTC'",
        "SET DateStyle = 'ISO, YMD'",
        "SET IntervalStyle = 'postgres'",
        "SET extra_float_digits = 3",
        "SET bytea_output = 'hex'",
        "SET client_encoding = 'UTF8'",
    };

    private SnapshotSession() {
    }

    /** Applies the settings and begins the snapshot; the caller ends it with rollback (nothing is ever written). */
    public static void begin(Connection conn) throws SQLException {
        conn.setAutoCommit(true);
        try (Statement st = conn.createStatement()) {
            for (String s : SETTINGS) {
                st.execute(s);
            }
        }
        conn.setAutoCommit(false);
        conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        conn.setReadOnly(true);
        try (Statement st = conn.createStatement()) {
            // The first statement fixes the snapshot; later COPYs all see the data as of this moment.
            st.execute("SELECT 1");
        }
    }
}
