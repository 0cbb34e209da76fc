package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A {@code minio} binary found on PATH, serving a private directory on free loopback ports. */
final class MinioProcess implements S3Server {
    private final ChildProcess process;
    private final S3Endpoint endpoint;
    private final Path binary;

    private MinioProcess(ChildProcess process, S3Endpoint endpoint, Path binary) {
        this.process = process;
        this.endpoint = endpoint;
        this.binary = binary;
    }

    static S3Server start(Role role, Path binary, Path dir) {
        Path data = dir.resolve("minio-data");
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new StoreException("cannot create " + data + ": " + e.getMessage(), "make the work directory writable", e);
        }
        int port = FreePorts.next();
        int consolePort = FreePorts.next();
        Credentials credentials = Credentials.random();
        ChildProcess process = ChildProcess.start("minio (" + role.label() + ")",
                List.of(binary.toString(), "server", data.toString(), "--address", "127.0.0.1:" + port,
                        "--console-address", "127.0.0.1:" + consolePort, "--quiet"),
                Map.of("MINIO_ROOT_USER", credentials.accessKey(), "MINIO_ROOT_PASSWORD", credentials.secretKey(),
                        "MINIO_BROWSER", "off"),
                dir, dir.resolve("minio.log"));
        String url = "http://127.0.0.1:" + port;
        try {
            process.awaitHttp200(url + "/minio/health/live", Duration.ofSeconds(60),
                    "read the log; or remove " + binary + " from PATH to use the embedded S3Proxy instead");
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new MinioProcess(process, new S3Endpoint(url, credentials.accessKey(), credentials.secretKey()), binary);
    }

    @Override
    public S3Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return "MinIO local process (" + binary + ")";
    }

    @Override
    public void close() {
        process.close();
    }
}
