package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import org.testcontainers.containers.PostgreSQLContainer;

/** The production image {@code postgres:16} through Testcontainers. */
final class PostgresContainerServer implements PostgresServer {
    static final String IMAGE = "postgres:16";

    private final PostgreSQLContainer<?> container;
    private final PostgresEndpoint admin;
    private final String version;

    private PostgresContainerServer(PostgreSQLContainer<?> container) {
        this.container = container;
        this.admin = new PostgresEndpoint(container.getHost(), container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                "postgres", container.getUsername(), container.getPassword());
        this.version = PostgresVersions.serverVersion(admin);
    }

    static PostgresServer start(Role role) {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(IMAGE)
                .withDatabaseName("postgres")
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=200");
        try {
            container.start();
            return new PostgresContainerServer(container);
        } catch (RuntimeException e) {
            container.stop();
            throw new StoreException("the " + IMAGE + " container for " + role.label() + " did not start: "
                    + e.getMessage(), "check `docker info` and that the image can be pulled, or run with -D"
                            + HarnessOptions.MODE_PROPERTY + "=local", e);
        }
    }

    @Override
    public PostgresEndpoint admin() {
        return admin;
    }

    @Override
    public String description() {
        return "PostgreSQL " + version + " container " + IMAGE;
    }

    @Override
    public void close() {
        container.stop();
    }
}
