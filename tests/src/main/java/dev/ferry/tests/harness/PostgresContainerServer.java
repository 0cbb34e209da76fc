package dev.ferry.tests.harness;

abstract class PostgresContainerServer implements PostgresServer {
    static PostgresServer start(Role role) {
        throw new UnsupportedOperationException("not built yet");
    }
}
