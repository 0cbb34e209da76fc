package dev.ferry.tests.harness;

abstract class OpenFgaContainerServer implements OpenFgaServer {
    static OpenFgaServer start(Role role) {
        throw new UnsupportedOperationException("not built yet");
    }
}
