package dev.ferry.tests.e2e.export;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Bucket;
import io.minio.messages.Item;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The first step of the benchmark's peer pipeline, as `mc mirror` does it: every object of the buckets starting with a
 * prefix, read with the MinIO client (one GET, no HEAD) into files under a directory, with {@code workers} downloads in flight (mc
 * mirror's default is one per CPU). Runs as a child process so its CPU time is measured apart from the servers'.
 * Endpoint and keys come from the environment (S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY), never the command line.
 * <pre>MirrorToDisk BUCKET_PREFIX DIRECTORY WORKERS</pre>
 * Prints the number of objects mirrored and of keys the server listed twice.
 */
public final class MirrorToDisk {
    private MirrorToDisk() {
    }

    public static void main(String[] args) throws Exception {
        String prefix = args[0];
        Path dir = Path.of(args[1]);
        int workers = Integer.parseInt(args[2]);
        MinioClient client = MinioClient.builder().endpoint(System.getenv("S3_ENDPOINT"))
                .credentials(System.getenv("S3_ACCESS_KEY"), System.getenv("S3_SECRET_KEY")).build();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> downloads = new ArrayList<>();
        int listedTwice = 0;
        for (Bucket b : client.listBuckets()) {
            if (!b.name().startsWith(prefix)) {
                continue;
            }
            String previous = null;
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(b.name()).recursive(true).build())) {
                Item i = r.get();
                if (i.objectName().endsWith("/")) {
                    // A folder marker: mc mirror makes it a directory, not a file.
                    Files.createDirectories(dir.resolve(b.name()).resolve(i.objectName()));
                    continue;
                }
                if (i.objectName().equals(previous)) {
                    listedTwice++;
                    continue;
                }
                previous = i.objectName();
                Path file = dir.resolve(b.name()).resolve(i.objectName());
                String bucket = b.name();
                downloads.add(pool.submit(() -> {
                    Files.createDirectories(file.getParent());
                    // As mc does: the body into a partial file, renamed when complete; no HEAD per object (the
                    // client's downloadObject adds one, which doubled the per-object cost against S3Proxy).
                    Path partial = file.resolveSibling(file.getFileName() + ".part.mc");
                    try (GetObjectResponse in = client.getObject(GetObjectArgs.builder().bucket(bucket)
                            .object(i.objectName()).build())) {
                        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
                    return null;
                }));
            }
        }
        for (Future<?> f : downloads) {
            f.get();
        }
        pool.shutdown();
        System.out.println("mirrored " + downloads.size() + " objects; keys listed twice: " + listedTwice);
    }
}
