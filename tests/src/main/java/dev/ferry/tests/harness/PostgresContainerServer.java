package dev.ferry.tests.harness;

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
        return Containers.start(container, IMAGE, role, PostgresContainerServer::new);
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
