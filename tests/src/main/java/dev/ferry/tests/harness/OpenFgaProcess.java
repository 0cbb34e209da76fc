package dev.ferry.tests.harness;

abstract class OpenFgaProcess implements OpenFgaServer {
    static OpenFgaServer start(Role role, java.nio.file.Path binary, java.nio.file.Path dir) {
        throw new UnsupportedOperationException("not built yet");
    }
}
