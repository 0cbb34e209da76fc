package dev.ferry.tests.harness;

abstract class OpenFgaEmulatorServer implements OpenFgaServer {
    static OpenFgaServer start(Role role) {
        throw new UnsupportedOperationException("not built yet");
    }
}
