package dev.ferry.tests.e2e.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The second step of {@link LoadBenchmark}'s peer pipeline, in its own process as an operator would run the MinIO
 * client: uploads every object a by-hand {@code gpg --decrypt | zstd -d | tar -x} left in a directory, to its bucket
 * under its key, with its content type and user metadata (taken from the parts' index.json files, kept as
 * {@code index-<part>.json}), {@code concurrency} objects at a time. An entry cut into chunks is uploaded from its
 * chunk files in order, never joined on disk. Not a test: run only by LoadBenchmark.
 * <p>Usage: {@code PeerUploadBenchmark DIR CONCURRENCY}, with PEER_S3_ENDPOINT, PEER_S3_ACCESS_KEY and
 * PEER_S3_SECRET_KEY in the environment (secrets never on a command line).
 */
public final class PeerUploadBenchmark {
    /** The same part size Ferry's importer uploads with, so both sides make the same requests. */
    private static final long PART_SIZE = 16L * 1024 * 1024;

    private record Upload(String entryPath, int chunks, long size, String bucket, String key, String contentType,
            Map<String, String> userMetadata) {
    }

    private PeerUploadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int concurrency = Integer.parseInt(args[1]);
        MinioClient client = MinioClient.builder().endpoint(System.getenv("PEER_S3_ENDPOINT"))
                .credentials(System.getenv("PEER_S3_ACCESS_KEY"), System.getenv("PEER_S3_SECRET_KEY")).build();
        List<Upload> uploads = uploads(dir);
        Set<String> buckets = new LinkedHashSet<>();
        uploads.forEach(u -> buckets.add(u.bucket()));
        for (String b : buckets) {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(b).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(b).build());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long bytes = 0;
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Upload u : uploads) {
                bytes += u.size();
                done.add(pool.submit(() -> {
                    try (InputStream in = open(dir, u)) {
                        PutObjectArgs.Builder b = PutObjectArgs.builder().bucket(u.bucket()).object(u.key())
                                .stream(in, u.size(), PART_SIZE).userMetadata(u.userMetadata());
                        if (u.contentType() != null && !u.contentType().isBlank()) {
                            b.contentType(u.contentType());
                        }
                        client.putObject(b.build());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("peer upload: " + uploads.size() + " objects, " + bytes + " bytes into " + buckets.size() + " buckets");
    }

    /** Every complete object entry named by the extracted index files. */
    private static List<Upload> uploads(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Path> indexes;
        try (Stream<Path> files = Files.list(dir)) {
            indexes = files.filter(f -> f.getFileName().toString().matches("index-objects-.*\\.json")).sorted().toList();
        }
        List<Upload> uploads = new ArrayList<>();
        for (Path index : indexes) {
            for (JsonNode e : json.readTree(index.toFile()).path("entries")) {
                String path = e.path("path").asText();
                if (!e.path("complete").asBoolean() || !path.startsWith("objects/")) {
                    continue;
                }
                JsonNode meta = e.path("metadata");
                if (meta.path("key").asText().endsWith("/") && e.path("size").asLong() == 0) {
                    // A directory marker (S3Proxy lists one per key prefix): on disk it is a directory, and the
                    // MinIO client uploads files, not directories.
                    continue;
                }
                Map<String, String> userMetadata = new LinkedHashMap<>();
                meta.path("userMetadata").fields().forEachRemaining(f -> userMetadata.put(f.getKey(), f.getValue().asText()));
                uploads.add(new Upload(path, e.path("firstChunk").asInt() + e.path("chunks").size(), e.path("size").asLong(),
                        meta.path("bucket").asText(), meta.path("key").asText(), meta.path("contentType").asText(null), userMetadata));
            }
        }
        return uploads;
    }

    /** The entry's chunk files (data/PATH, data/PATH~000001, …), each opened only when the upload reaches it. */
    private static InputStream open(Path dir, Upload u) {
        return new SequenceInputStream(new Enumeration<InputStream>() {
            private int next;

            @Override
            public boolean hasMoreElements() {
                return next < u.chunks();
            }

            @Override
            public InputStream nextElement() {
                int k = next++;
                Path file = dir.resolve("data").resolve(k == 0 ? u.entryPath() : u.entryPath() + String.format("~%06d", k));
                try {
                    return Files.newInputStream(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }
}
