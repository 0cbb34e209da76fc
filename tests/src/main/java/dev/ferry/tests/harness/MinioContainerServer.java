package dev.ferry.tests.harness;

abstract class MinioContainerServer implements S3Server {
    static S3Server start(Role role) {
        throw new UnsupportedOperationException("not built yet");
    }
}
