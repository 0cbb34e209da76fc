package dev.ferry.tests.generator;

import dev.ferry.common.StoreException;
import dev.ferry.tests.harness.S3Endpoint;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Makes kea's four buckets and streams every object into them through the MinIO SDK, a few in flight. */
final class S3Seeder {
    private static final int IN_FLIGHT = 4;
    /** Multipart part size for the SDK; it buffers one part per upload in flight. */
    private static final long PART_SIZE = 16L * 1024 * 1024;

    void seed(KeaDataset dataset, S3Endpoint endpoint, String bucketPrefix) {
        MinioClient client = MinioClient.builder().endpoint(endpoint.endpoint())
                .credentials(endpoint.accessKey(), endpoint.secretKey()).build();
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            for (KeaBucket bucket : KeaBucket.values()) {
                String name = bucket.bucketName(bucketPrefix);
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(name).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(name).build());
                }
            }
            List<Future<?>> puts = new ArrayList<>();
            for (ObjectSpec spec : dataset.objects()) {
                puts.add(pool.submit(() -> put(client, spec, bucketPrefix)));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } catch (ExecutionException e) {
            throw new StoreException("putting an object into S3 at " + endpoint.endpoint() + " failed: "
                    + e.getCause().getMessage(), "check that the S3 server answers and has room", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("seeding S3 was interrupted", "run it again", e);
        } catch (Exception e) {
            throw new StoreException("making kea's buckets with prefix " + bucketPrefix + " at " + endpoint.endpoint()
                    + " failed: " + e.getMessage(), "check that the S3 server answers and the keys are right", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Void put(MinioClient client, ObjectSpec spec, String bucketPrefix) throws Exception {
        try (InputStream in = ObjectContent.open(spec)) {
            client.putObject(PutObjectArgs.builder().bucket(spec.bucket().bucketName(bucketPrefix)).object(spec.key())
                    .stream(in, spec.size(), spec.size() > PART_SIZE ? PART_SIZE : -1)
                    .contentType(spec.contentType()).userMetadata(spec.userMetadata()).build());
        }
        return null;
    }
}
