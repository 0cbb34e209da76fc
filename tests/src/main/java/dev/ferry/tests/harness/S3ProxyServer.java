package dev.ferry.tests.harness;

abstract class S3ProxyServer implements S3Server {
    static S3Server start(Role role, java.nio.file.Path dir) {
        throw new UnsupportedOperationException("not built yet");
    }
}
