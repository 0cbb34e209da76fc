package dev.ferry.tests.harness;

abstract class KeycloakProcess implements KeycloakServer {
    static KeycloakServer start(Role role, KeycloakDistribution dist, java.nio.file.Path dir) {
        throw new UnsupportedOperationException("not built yet");
    }
}
