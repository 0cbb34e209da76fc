package dev.ferry.tests.harness;

abstract class EmbeddedPostgresServer implements PostgresServer {
    static PostgresServer start(Role role, java.nio.file.Path dir) {
        throw new UnsupportedOperationException("not built yet");
    }
}
