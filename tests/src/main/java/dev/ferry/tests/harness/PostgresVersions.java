package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads the server version, for the harness's description of what runs. */
final class PostgresVersions {
    private PostgresVersions() {
    }

    static String serverVersion(PostgresEndpoint endpoint) {
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1).split(" ")[0];
        } catch (SQLException e) {
            throw new StoreException("PostgreSQL at " + endpoint.jdbcUrl() + " does not answer: " + e.getMessage(),
                    "see the server's log in the harness work directory", e);
        }
    }
}
