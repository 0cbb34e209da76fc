package dev.ferry.tests.harness;

abstract class KeycloakContainerServer implements KeycloakServer {
    static KeycloakServer start(Role role) {
        throw new UnsupportedOperationException("not built yet");
    }
}
