package dev.ferry.tests.harness;

import org.testcontainers.containers.MinIOContainer;

/** The production image {@code minio/minio} through Testcontainers. */
final class MinioContainerServer implements S3Server {
    static final String IMAGE = "minio/minio:RELEASE.2023-09-04T19-57-37Z";

    private final MinIOContainer container;
    private final S3Endpoint endpoint;

    private MinioContainerServer(MinIOContainer container) {
        this.container = container;
        this.endpoint = new S3Endpoint(container.getS3URL(), container.getUserName(), container.getPassword());
    }

    static S3Server start(Role role) {
        Credentials credentials = Credentials.random();
        MinIOContainer container = new MinIOContainer(IMAGE).withUserName(credentials.accessKey())
                .withPassword(credentials.secretKey());
        return Containers.start(container, IMAGE, role, MinioContainerServer::new);
    }

    @Override
    public S3Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return "MinIO container " + IMAGE;
    }

    @Override
    public void close() {
        container.stop();
    }
}
