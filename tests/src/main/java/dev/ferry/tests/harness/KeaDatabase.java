package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates a database on a test server and gives it the kea schema (kea-schema.sql, as Alembic leaves it). */
final class KeaDatabase {
    static final String SCHEMA_RESOURCE = "/dev/ferry/tests/harness/kea-schema.sql";

    private KeaDatabase() {
    }

    static PostgresEndpoint create(PostgresEndpoint admin, String name) {
        DatabaseNames.requireValid(name);
        PostgresEndpoint database = admin.withDatabase(name);
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new StoreException("cannot create database '" + name + "' on " + admin.jdbcUrl() + ": "
                    + e.getMessage(), "pick a database name not used yet on this server", e);
        }
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement s = c.createStatement()) {
            s.execute(schema());
        } catch (SQLException e) {
            throw new StoreException("the kea schema failed on " + database.jdbcUrl() + ": " + e.getMessage(),
                    "fix " + SCHEMA_RESOURCE, e);
        }
        return database;
    }

    static String schema() {
        try (InputStream in = KeaDatabase.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
